import { sql, type Kysely } from 'kysely';

/**
 * The national anonymous chat (DOMAIN.md "Intake channels"; docs/adr/0008-chat.md).
 *
 * - chat_session: one conversation. The visitor is known only by a nickname they chose and a
 *   random token that lives in their browser tab; we keep a sha256 hash of the token, never the
 *   token, and no IP address or user agent at all. region_code is the visitor's region when they
 *   named a municipality, else null (national queue).
 * - chat_message: the transcript, numbered per session (seq) so a client can resume "after n"
 *   and order is the database's, not the network's. client_id makes a resent message (flaky
 *   connection) land once.
 * - chat_worker: a worker's availability and capacity, shared by all server processes.
 * - chat_opening_hours / chat_opening_exception: weekly hours per scope ('NL' or a region code)
 *   and dated exceptions (e.g. evenings until 22:00 on working days during a curfew).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE TABLE chat_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  nickname text NOT NULL CHECK (length(nickname) BETWEEN 1 AND 40),
  municipality_code text,
  region_code text REFERENCES region(code),
  status text NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
  -- Left while the chat was closed: a message waiting for the next opening.
  left_message boolean NOT NULL DEFAULT false,
  worker_id uuid REFERENCES staff_user(id),
  last_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- When it (re)entered the queue: a transfer to another region queues it again, keeping its turn.
  queued_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  ended_at timestamptz,
  ended_by text CHECK (ended_by IN ('visitor', 'worker')),
  -- Last time the visitor's tab asked for news: a chat whose visitor is long gone is closed.
  visitor_seen_at timestamptz NOT NULL DEFAULT now(),
  visitor_typing_at timestamptz,
  worker_typing_at timestamptz,
  transfer_note text CHECK (length(transfer_note) <= 1000),
  visitor_group text,
  age_group text,
  topics text[] NOT NULL DEFAULT '{}',
  outcome text,
  contact_id uuid REFERENCES contact(id),
  transcript_deleted_at timestamptz
);
CREATE INDEX chat_session_queue ON chat_session (queued_at) WHERE status = 'waiting';
CREATE INDEX chat_session_worker ON chat_session (worker_id) WHERE status = 'active';
CREATE INDEX chat_session_ended ON chat_session (ended_at) WHERE transcript_deleted_at IS NULL;

CREATE TABLE chat_message (
  session_id uuid NOT NULL REFERENCES chat_session(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  sender text NOT NULL CHECK (sender IN ('visitor', 'worker', 'system')),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 64),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, seq),
  UNIQUE (session_id, client_id)
);

CREATE TABLE chat_worker (
  user_id uuid PRIMARY KEY REFERENCES staff_user(id),
  region_code text NOT NULL REFERENCES region(code),
  available boolean NOT NULL DEFAULT false,
  capacity integer NOT NULL DEFAULT 2 CHECK (capacity BETWEEN 1 AND 6),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE chat_opening_hours (
  scope text NOT NULL CHECK (scope ~ '^[A-Z0-9-]{2,20}$'),
  -- ISO weekday: 1 = Monday ... 7 = Sunday.
  weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens time NOT NULL,
  closes time NOT NULL CHECK (closes > opens),
  PRIMARY KEY (scope, weekday)
);

CREATE TABLE chat_opening_exception (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scope text NOT NULL CHECK (scope ~ '^[A-Z0-9-]{2,20}$'),
  date_from date NOT NULL,
  date_to date NOT NULL CHECK (date_to >= date_from),
  -- Only on working days (Monday-Friday, not a public holiday), as in "werkdagen 09:00-22:00".
  working_days_only boolean NOT NULL DEFAULT false,
  -- Both null: closed on those days.
  opens time,
  closes time,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  CHECK ((opens IS NULL) = (closes IS NULL) AND (closes IS NULL OR closes > opens))
);

-- The national chat's usual hours: working days 09:00-17:00 (an admin changes them).
INSERT INTO chat_opening_hours (scope, weekday, opens, closes)
  SELECT 'NL', d, '09:00', '17:00' FROM generate_series(1, 5) AS d;

GRANT SELECT, UPDATE ON chat_session TO signaal_app;
GRANT SELECT, INSERT ON chat_message TO signaal_app;
GRANT SELECT, INSERT, UPDATE ON chat_worker TO signaal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON chat_opening_hours, chat_opening_exception TO signaal_app;

-- The chat is national: every chat worker sees the waiting queue (to take the next chat) and
-- the chats assigned to them; ended chats stay visible to their worker (tags, outcome). A
-- transcript is readable only by the worker of the chat, never while it waits. Visitors never act as signaal_app: the public routes check
-- the tab's token and run as the owner.
ALTER TABLE chat_session ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_session_read ON chat_session FOR SELECT TO signaal_app
  USING (signaal_has_permission('chat:handle')
         AND (status = 'waiting' OR worker_id::text = current_setting('signaal.user_id', true)));
CREATE POLICY chat_session_update ON chat_session FOR UPDATE TO signaal_app
  USING (signaal_has_permission('chat:handle')
         AND (status = 'waiting' OR worker_id::text = current_setting('signaal.user_id', true)))
  WITH CHECK (signaal_has_permission('chat:handle'));

-- Handing a chat to a colleague: afterwards the row is the colleague's, which the SELECT policy
-- (applied by PostgreSQL to the new row of an UPDATE as well) rightly hides from the giver. So
-- this one change runs as the owner, and checks itself that the caller has chat:handle, holds
-- the chat now, and that the colleague is an available chat worker of the same region.
CREATE FUNCTION signaal_chat_handover(p_chat uuid, p_to uuid, p_note text) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    UPDATE public.chat_session s
       SET worker_id = p_to, transfer_note = p_note, worker_typing_at = NULL
     WHERE s.id = p_chat
       AND s.status = 'active'
       AND public.signaal_has_permission('chat:handle')
       AND s.worker_id::text = current_setting('signaal.user_id', true)
       AND EXISTS (SELECT 1 FROM public.chat_worker w
                    WHERE w.user_id = p_to AND w.available
                      AND w.region_code = public.signaal_region()
                      AND w.user_id::text <> current_setting('signaal.user_id', true))
    RETURNING true
  $f$;
REVOKE ALL ON FUNCTION signaal_chat_handover(uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signaal_chat_handover(uuid, uuid, text) TO signaal_app;

ALTER TABLE chat_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_message_read ON chat_message FOR SELECT TO signaal_app
  USING (EXISTS (SELECT 1 FROM chat_session s WHERE s.id = session_id AND s.status <> 'waiting'));
CREATE POLICY chat_message_insert ON chat_message FOR INSERT TO signaal_app
  WITH CHECK (sender = 'worker' AND EXISTS (SELECT 1 FROM chat_session s WHERE s.id = session_id AND s.status = 'active'));

ALTER TABLE chat_worker ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_worker_read ON chat_worker FOR SELECT TO signaal_app
  USING (signaal_has_permission('chat:handle') OR signaal_has_permission('chat:manage'));
CREATE POLICY chat_worker_insert ON chat_worker FOR INSERT TO signaal_app
  WITH CHECK (user_id::text = current_setting('signaal.user_id', true) AND region_code = signaal_region());
CREATE POLICY chat_worker_update ON chat_worker FOR UPDATE TO signaal_app
  USING (user_id::text = current_setting('signaal.user_id', true));

-- Opening hours are public information. An admin manages the national hours and those of
-- their own region.
ALTER TABLE chat_opening_hours ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_opening_hours_read ON chat_opening_hours FOR SELECT TO signaal_app USING (true);
CREATE POLICY chat_opening_hours_write ON chat_opening_hours FOR ALL TO signaal_app
  USING (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()))
  WITH CHECK (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()));
ALTER TABLE chat_opening_exception ENABLE ROW LEVEL SECURITY;
CREATE POLICY chat_opening_exception_read ON chat_opening_exception FOR SELECT TO signaal_app USING (true);
CREATE POLICY chat_opening_exception_write ON chat_opening_exception FOR ALL TO signaal_app
  USING (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()))
  WITH CHECK (signaal_has_permission('chat:manage') AND scope IN ('NL', signaal_region()));
`,
    )
    .execute(db);
}
