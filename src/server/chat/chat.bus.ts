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
  /**
   * Notifies keys after the change was committed, outside any transaction, batched on a
   * connection of its own with synchronous_commit off. For the chat sockets' messages: a
   * transaction that notifies holds PostgreSQL's one notification lock through its commit's WAL
   * flush, so message commits that notify run one at a time (ADR 0008, "Notify after commit").
   * A wake-up lost to a crash between commit and notify is caught by the sockets' sweep.
   */
  wake(key: string): void;
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

  // The after-commit notifier: keys wait in `queued` while one batch is on its way, then go
  // together in one statement (under load, one round trip carries many wake-ups).
  let queued: string[] = [];
  let sending = false;
  let notifier: pg.Client | null = null;
  const notifyAll = `select pg_notify('${CHAT_CHANNEL}', k) from unnest($1::text[]) k`;
  const notifyNow = async (keys: string[]): Promise<void> => {
    if (database.kind === 'pglite' && database.pglite) {
      await database.pglite.query(notifyAll, [keys]);
      return;
    }
    if (!notifier) {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => undefined);
      c.on('end', () => {
        if (notifier === c) notifier = null;
      });
      await c.connect();
      // Only the wake-up is committed here, never data: it need not wait for the WAL flush.
      await c.query('SET synchronous_commit = off');
      notifier = c;
    }
    await notifier.query(notifyAll, [keys]);
  };
  const drain = async (): Promise<void> => {
    sending = true;
    while (queued.length > 0) {
      const keys = queued;
      queued = [];
      try {
        await notifyNow(keys);
      } catch {
        // Database away: the wake-ups are lost, the sweep re-reads what was missed.
        await notifier?.end().catch(() => undefined);
        notifier = null;
      }
    }
    sending = false;
  };

  let closing = false;
  return {
    wake(key) {
      queued.push(key);
      if (!sending) void drain();
    },
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
    close: async () => {
      await stop();
      await notifier?.end().catch(() => undefined);
    },
  };
}
