import { open, readdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely driver for PGlite (embedded PostgreSQL in WASM).
 *
 * PGlite has exactly one connection. Kysely acquires a connection per query and holds it for a
 * whole transaction, so a lock around that single connection is what keeps two concurrent
 * requests from interleaving statements inside one another's transactions. Kysely's own 0.29
 * PGlite dialect needs Node 22 and drops isolation levels; this one honours them (ADR 0002).
 */
export class Mutex {
  private held = false;
  /** Waiters in order; each takes the lock unless it already gave up (then it answers false). */
  private readonly queue: ((release: () => void) => boolean)[] = [];

  /**
   * Resolves with the function that releases the lock. With a time limit, a waiter that has not
   * got the lock by then is rejected with DatabaseBusyError and never gets it afterwards.
   */
  lock(timeoutMs = Infinity): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      const take = (release: () => void): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        resolve(release);
        return true;
      };
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            settled = true;
            this.queue.splice(this.queue.indexOf(take), 1);
            reject(new DatabaseBusyError(timeoutMs));
          }, timeoutMs)
        : undefined;
      this.queue.push(take);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (let next = this.queue.shift(); next; next = this.queue.shift()) if (next(this.releaser())) return;
      this.held = false;
    };
  }
}

/**
 * The embedded database's one connection stayed taken longer than a request may wait for it (a
 * slow disk, a long report): the request is refused with 503 instead of hanging, like a
 * PostgreSQL pool that cannot hand out a connection in time.
 */
export class DatabaseBusyError extends Error {
  readonly code = 'SIGNAAL_DB_BUSY';
  constructor(waitedMs: number) {
    super(`the embedded database was not free within ${waitedMs} ms`);
  }
}

/**
 * Makes committed work survive a power loss. PGlite's Node file system hands PostgreSQL's fsync to
 * nothing: measured with strace, a PGlite process makes no fsync or fdatasync call at all, so an
 * acknowledged commit sits in the OS page cache (it survives a killed process, not a power cut or
 * kernel crash). PostgreSQL needs only its write-ahead log on disk at commit, so after any statement
 * that may have written we fdatasync the newest WAL segment, and fsync the pg_wal folder when a new
 * segment appeared, before the connection (and so the answer) is released.
 */
export class WalSync {
  syncs = 0;
  private lastSegment: string | undefined;

  /**
   * `flush` is the call that waits for the disk (fdatasync by default); tests slow it down to
   * stand for a slow disk (src/faults/slow-disk.pglite.int.test.ts).
   */
  constructor(
    private readonly dataDir: string,
    private readonly flush: (file: FileHandle) => Promise<void> = (file) => file.datasync(),
  ) {}

  /**
   * Asynchronous on purpose: a slow disk then delays the writes waiting for it (they hold the
   * connection), while the event loop keeps answering health checks, reads of static pages and
   * the 503 of requests that waited too long. A synchronous fdatasync would freeze the process.
   */
  async sync(): Promise<void> {
    const walDir = path.join(this.dataDir, 'pg_wal');
    const segment = (await readdir(walDir))
      .filter((f) => /^[0-9A-F]{24}$/.test(f))
      .sort()
      .at(-1);
    if (!segment) return;
    if (segment !== this.lastSegment) {
      // A new segment's directory entry must be on disk too.
      const dir = await open(walDir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      this.lastSegment = segment;
    }
    const file = await open(path.join(walDir, segment), 'r+');
    try {
      await this.flush(file);
    } finally {
      await file.close();
    }
    this.syncs++;
  }
}

class PGliteConnection implements DatabaseConnection {
  /** Set when a statement that may write ran since the last sync. */
  wrote = false;

  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (compiled.query.kind !== 'SelectQueryNode') this.wrote = true;
    // Like node-postgres, a query without parameters goes over the simple protocol, so a
    // migration may hold several statements; with parameters it is one prepared statement.
    const result =
      compiled.parameters.length === 0
        ? ((await this.pg.exec(compiled.sql)).at(-1) ?? { rows: [], affectedRows: 0, fields: [] })
        : await this.pg.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database');
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: PGliteConnection;
  private release: (() => void) | undefined;

  constructor(
    private readonly pg: PGlite,
    private readonly walSync: WalSync | undefined,
    private readonly acquireTimeoutMs: number,
  ) {
    this.connection = new PGliteConnection(pg);
  }

  async init(): Promise<void> {
    await this.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.mutex.lock(this.acquireTimeoutMs);
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const mode = settings.accessMode ? ` ${settings.accessMode}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}${mode}`));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }

  async rollbackToSavepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }

  async releaseSavepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  async releaseConnection(): Promise<void> {
    // Kysely releases after a commit, and after a statement outside a transaction: the moment the
    // work is committed and before anyone is told so.
    if (this.connection.wrote && this.walSync) {
      this.connection.wrote = false;
      try {
        await this.walSync.sync();
      } catch (err) {
        this.release?.();
        this.release = undefined;
        throw err;
      }
    }
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    // Closing is the owner's job (openDatabase), which also flushes the data directory.
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class PGliteDialect implements Dialect {
  /** acquireTimeoutMs: how long a query waits for the one connection (as node-postgres' pool). */
  constructor(
    private readonly pg: PGlite,
    private readonly walSync?: WalSync,
    private readonly acquireTimeoutMs = Infinity,
  ) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg, this.walSync, this.acquireTimeoutMs);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
