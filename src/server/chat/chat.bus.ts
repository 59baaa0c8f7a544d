import { EventEmitter } from 'node:events';
import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

/** The one NOTIFY channel of the chat; payloads are keys like 's:<session id>', 'queue', 'w:<user id>'. */
export const CHAT_CHANNEL = 'signaal_chat';

/**
 * Wakes long-polling requests in every server process when a chat changes (docs/adr/0008-chat.md).
 *
 * publish() runs pg_notify inside the writing transaction: PostgreSQL delivers it to every
 * listening process when, and only when, that transaction commits, so a woken request always
 * reads the committed change. A lost notification (listener reconnecting) only delays an answer
 * until the long poll times out and the client asks again; nothing is carried by the bus itself.
 */
export interface ChatBus {
  publish(trx: Transaction<DB> | Kysely<DB>, ...keys: string[]): Promise<void>;
  /** Resolves true when one of keys is published, false after ms or when signal aborts. */
  wait(keys: string[], ms: number, signal?: AbortSignal): Promise<boolean>;
  /**
   * Calls fn whenever one of keys is published, with the payload's detail if it has one (none
   * after a listener reconnect, or for a change that is not a new message); returns the unsubscribe.
   */
  subscribe(keys: string[], fn: (detail?: string) => void): () => void;
  /** True once the server is shutting down: long polls answer at once instead of waiting. */
  readonly closing: boolean;
  /** Server shutdown begins: wake every waiter so running long polls end. */
  shutdown(): void;
  close(): Promise<void>;
}

export async function openChatBus(database: Database): Promise<ChatBus> {
  const url = database.url;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  // A payload is a key, optionally followed by '|' and a detail for subscribers that can use it
  // (a stored message: 's:<chat>|<seq>'); waiters on the key are woken either way.
  const deliver = (payload: string | undefined): void => {
    if (!payload) return;
    const bar = payload.indexOf('|');
    if (bar < 0) emitter.emit(payload);
    else emitter.emit(payload.slice(0, bar), payload.slice(bar + 1));
  };
  let stop: () => Promise<void>;

  if (database.kind === 'pglite' && database.pglite) {
    stop = await database.pglite.listen(CHAT_CHANNEL, deliver);
  } else if (url) {
    let client: pg.Client | null = null;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (n) => deliver(n.payload));
      c.on('error', () => undefined);
      c.on('end', () => {
        client = null;
        if (!closed) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${CHAT_CHANNEL}`);
        client = c;
        // Whatever changed while we were not listening: wake every waiter so it re-reads.
        emitter.emit('*');
      } catch {
        await c.end().catch(() => undefined);
      }
    };
    await connect();
    stop = async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  } else {
    throw new Error('chat bus: a PostgreSQL server needs its URL');
  }

  let closing = false;
  return {
    get closing() {
      return closing;
    },
    shutdown() {
      closing = true;
      emitter.emit('*');
    },
    async publish(trx, ...keys) {
      for (const key of keys) await sql`select pg_notify(${CHAT_CHANNEL}, ${key})`.execute(trx);
    },
    wait(keys, ms, signal) {
      if (closing) return Promise.resolve(false);
      return new Promise((resolve) => {
        const all = [...keys, '*'];
        const done = (value: boolean): void => {
          clearTimeout(timer);
          for (const k of all) emitter.off(k, onKey);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        };
        const onKey = (): void => done(true);
        const onAbort = (): void => done(false);
        const timer = setTimeout(() => done(false), ms);
        for (const k of all) emitter.on(k, onKey);
        signal?.addEventListener('abort', onAbort);
      });
    },
    subscribe(keys, fn) {
      const all = [...keys, '*'];
      for (const k of all) emitter.on(k, fn);
      return () => {
        for (const k of all) emitter.off(k, fn);
      };
    },
    close: () => stop(),
  };
}
