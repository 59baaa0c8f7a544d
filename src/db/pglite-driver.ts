import { closeSync, fdatasyncSync, fsyncSync, openSync, readdirSync } from 'node:fs';
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
  private tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
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

  constructor(private readonly dataDir: string) {}

  sync(): void {
    const walDir = path.join(this.dataDir, 'pg_wal');
    const segment = readdirSync(walDir)
      .filter((f) => /^[0-9A-F]{24}$/.test(f))
      .sort()
      .at(-1);
    if (!segment) return;
    if (segment !== this.lastSegment) {
      // A new segment's directory entry must be on disk too.
      const dir = openSync(walDir, 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
      this.lastSegment = segment;
    }
    const fd = openSync(path.join(walDir, segment), 'r+');
    try {
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
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
    private readonly walSync?: WalSync,
  ) {
    this.connection = new PGliteConnection(pg);
  }

  async init(): Promise<void> {
    await this.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.mutex.lock();
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
        this.walSync.sync();
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
  constructor(
    private readonly pg: PGlite,
    private readonly walSync?: WalSync,
  ) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg, this.walSync);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
