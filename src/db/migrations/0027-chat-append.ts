import { sql, type Kysely } from 'kysely';

/**
 * signaal_chat_append(): a chat message stored in one round trip instead of seven.
 *
 * Why: at 2,000 chats (800 messages a second) the server processes and PostgreSQL spent their
 * time on round trips (BEGIN, lock the chat, look for a resend, number, insert, notify, COMMIT),
 * not on the work (docs/PERFORMANCE.md, session 6). The function runs the same statements in
 * the same order as appendMessage did, each with its own snapshot (READ COMMITTED inside a
 * function), so nothing changes in what it guarantees:
 * - the chat row is locked first, so numbers are given out one at a time per chat, without gaps;
 * - a resent message (same client id) answers the number it already has and is stored once,
 *   also when the resend raced its original (it waits for the lock, then sees the stored row);
 * - with p_notify, the notification is sent in the same transaction, so it is delivered only
 *   after the commit (the long-poll routes). The chat sockets pass false and notify right after
 *   the commit, outside it (ChatBus.wake): a notifying transaction holds PostgreSQL's one
 *   notification lock through its WAL flush, which put every message commit in a single file.
 *   The notification carries the message's number ('s:<chat>|<seq>'): a socket that already has that number
 *   (its own message, acknowledged) need not read the chat again.
 * p_worker, when given, must hold the chat and the chat must be active: the function checks this
 * itself (SECURITY DEFINER, as signaal_chat_handover), so a worker's chat socket can store a
 * message in one round trip without a scoped transaction around it (BEGIN, the actor settings,
 * COMMIT: three more). The caller passes the signed-in worker's id from the session, never from
 * the client. This is the rule the row-level security policies applied (a worker writes only
 * into an active chat they hold), checked in the same place the row is written.
 *
 * signaal_chat_worker_messages() reads the messages after a number of a chat that p_worker holds,
 * in one round trip, for the same reason: it is what every pushed message costs the receiving
 * worker's socket. Nothing else about the chat is returned; a chat the worker does not hold (any
 * more) returns no rows, and the socket's next full read, under row-level security, says it is gone.
 *
 * The body arrives encrypted (the application's field encryption; the database never sees the
 * clear text). Answers (seq, outcome): 'stored', 'duplicate', or with a null seq 'missing' (no such
 * chat, or not visible to the caller), 'ended', 'not_yours', 'not_active'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE FUNCTION signaal_chat_append(p_session uuid, p_sender text, p_client_id text, p_body text, p_worker uuid,
                                    p_notify boolean, OUT seq integer, OUT outcome text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  s record;
BEGIN
  SELECT c.status, c.last_seq, c.worker_id INTO s FROM public.chat_session c WHERE c.id = p_session FOR UPDATE;
  IF NOT FOUND THEN
    outcome := 'missing';
    RETURN;
  END IF;
  IF p_worker IS NOT NULL AND s.worker_id IS DISTINCT FROM p_worker THEN
    outcome := 'not_yours';
    RETURN;
  END IF;
  SELECT m.seq INTO seq FROM public.chat_message m WHERE m.session_id = p_session AND m.client_id = p_client_id;
  IF FOUND THEN
    outcome := 'duplicate';
    RETURN;
  END IF;
  IF s.status = 'ended' THEN
    outcome := 'ended';
    RETURN;
  END IF;
  IF p_worker IS NOT NULL AND s.status <> 'active' THEN
    outcome := 'not_active';
    RETURN;
  END IF;
  seq := s.last_seq + 1;
  UPDATE public.chat_session c
     SET last_seq = seq,
         visitor_typing_at = CASE WHEN p_sender = 'visitor' THEN NULL ELSE c.visitor_typing_at END,
         worker_typing_at = CASE WHEN p_sender = 'worker' THEN NULL ELSE c.worker_typing_at END
   WHERE c.id = p_session;
  INSERT INTO public.chat_message (session_id, seq, sender, client_id, body) VALUES (p_session, seq, p_sender, p_client_id, p_body);
  IF p_notify THEN
    PERFORM pg_notify('signaal_chat', 's:' || p_session::text || '|' || seq::text);
  END IF;
  outcome := 'stored';
END $f$;
REVOKE ALL ON FUNCTION signaal_chat_append(uuid, text, text, text, uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_chat_append(uuid, text, text, text, uuid, boolean) TO signaal_app;

CREATE FUNCTION signaal_chat_worker_messages(p_session uuid, p_after integer, p_worker uuid)
  RETURNS TABLE (seq integer, sender text, body text, sent_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
  SELECT m.seq, m.sender, m.body, m.sent_at
    FROM public.chat_message m
   WHERE m.session_id = p_session AND m.seq > p_after
     AND EXISTS (SELECT 1 FROM public.chat_session c WHERE c.id = p_session AND c.worker_id = p_worker AND c.status <> 'waiting')
   ORDER BY m.seq
   LIMIT 500
$f$;
REVOKE ALL ON FUNCTION signaal_chat_worker_messages(uuid, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_chat_worker_messages(uuid, integer, uuid) TO signaal_app;
`,
    )
    .execute(db);
}
