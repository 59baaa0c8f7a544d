import { sql, type Kysely } from 'kysely';

/**
 * Tells every server process when a sign-in may have lost its access: a session ended (logout,
 * "sign out everywhere", an administrator ending it) or an account's role, region or
 * disabled-state changed, by whatever path (API, CLI, SQL).
 *
 * Why: a worker's chat socket (chat-socket.routes.ts) is authorised once, at its handshake, and
 * then lives for hours. Re-loading the session before every frame put a query on every message;
 * instead each socket re-checks its session when this notification arrives (and every 30 s for
 * idle timeouts), so a logout closes the socket at once without a cost per message. The payload
 * names nothing: every socket re-checks (sign-outs are rare, messages are not).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
CREATE FUNCTION signaal_notify_access_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  PERFORM pg_notify('signaal_chat', 'sessions');
  RETURN NULL;
END $f$;
CREATE TRIGGER staff_session_ended AFTER UPDATE OF ended_at ON staff_session
  FOR EACH STATEMENT EXECUTE FUNCTION signaal_notify_access_change();
CREATE TRIGGER staff_session_deleted AFTER DELETE ON staff_session
  FOR EACH STATEMENT EXECUTE FUNCTION signaal_notify_access_change();
CREATE TRIGGER staff_user_access_changed AFTER UPDATE OF role, region_code, organisation_id, disabled_at ON staff_user
  FOR EACH STATEMENT EXECUTE FUNCTION signaal_notify_access_change();
`,
    )
    .execute(db);
}
