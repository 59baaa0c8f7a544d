import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { systemAuditEntry } from '../audit/audit-chain.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { describeIssues, exchangeLine, type ExchangeLine } from './exchange.schema.ts';

export interface ImportResult {
  imported: number;
  skipped: number;
  rejected: number;
  errors: { line: number; reason: string }[];
}

export interface ImportOptions {
  /**
   * Lines per transaction. A killed import loses at most `concurrency` batches, whole lines only
   * (a re-run completes them). Large batches make the figures counters cheap: one grouped upsert
   * per batch, and a key shared by many lines is written once.
   */
  batchSize?: number;
  /**
   * Batches in flight at once, each on its own connection. On PostgreSQL a batch's statements run
   * in one server process (one core); two keep both cores of a small server busy, and each writes
   * its own stripe of the counters (migration 0020), so they do not wait for each other. The
   * embedded database runs them one after the other.
   */
  concurrency?: number;
  /** Called as batches commit, with the number of lines up to which every line is done. */
  onProgress?: (linesDone: number) => void;
  /** Who runs the import, for the audit trail (the command line has no signed-in user). */
  actorRole?: string;
}

interface Pending {
  line: number;
  value: ExchangeLine;
}

// Errors caused by the data of a line (data exceptions, constraint violations): those reject the
// line alone. Anything else (connection lost, disk full) aborts the import instead of rejecting
// every following line.
function isDataError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

const key = (l: ExchangeLine) => `${l.source}\u0000${l.externalId}`;

/**
 * Imports exchange-v1 NDJSON (../shared/contracts/exchange-v1.md) from a stream. Reads the lines as they come:
 * only the batches being written are in memory. Runs as the database owner: an import is an administrator's act
 * for any region, audited with counts only.
 *
 * Each batch is one transaction that inserts its contacts with ON CONFLICT DO NOTHING on
 * (source, externalId) and then the events of the contacts actually inserted, so a re-run skips
 * what an earlier (possibly killed) run committed and completes the rest.
 */
export async function importExchange(db: Db, input: Readable, opts: ImportOptions = {}): Promise<ImportResult> {
  // The line iterator must exist before the first await: readline starts reading at once, and
  // lines (even the end of input) emitted before anyone iterates are lost. The iterator pauses
  // the input when it runs ahead, so memory stays bounded by the batches in flight.
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const batchSize = opts.batchSize ?? 10000;
  const result: ImportResult = { imported: 0, skipped: 0, rejected: 0, errors: [] };
  const regions = new Set((await db.selectFrom('region').select('code').execute()).map((r) => r.code));
  const reject = (line: number, reason: string) => {
    result.rejected++;
    result.errors.push({ line, reason });
  };
  await audit(db, opts, 'exchange.import.start', 'started');

  let batch: Pending[] = [];
  let inBatch = new Set<string>();
  let lineNo = 0;
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  // Batches in the order read, so progress is only reported up to the first one still running.
  const inFlight: { lastLine: number; done: boolean; failed: boolean; promise: Promise<void> }[] = [];
  let failure: unknown;
  const reportProgress = () => {
    let last: number | undefined;
    // A failed batch is not done: progress never passes it.
    while (inFlight[0]?.done && !inFlight[0].failed) last = inFlight.shift()!.lastLine;
    if (last !== undefined) opts.onProgress?.(last);
  };
  const run = async (pending: Pending[]) => {
    try {
      const inserted = await transaction(db, (trx) => insertBatch(trx, pending));
      result.imported += inserted;
      result.skipped += pending.length - inserted;
    } catch (err) {
      if (!isDataError(err)) throw err;
      // Find the line the database refused: retry one by one, each in its own transaction.
      for (const p of pending) {
        try {
          const inserted = await transaction(db, (trx) => insertBatch(trx, [p]));
          if (inserted === 1) result.imported++;
          else result.skipped++;
        } catch (lineErr) {
          if (!isDataError(lineErr)) throw lineErr;
          reject(p.line, `refused by the database: ${lineErr instanceof Error ? lineErr.message.split('\n')[0] : String(lineErr)}`);
        }
      }
    }
  };
  const flush = async (lastLine: number) => {
    if (batch.length > 0) {
      const entry = { lastLine, done: false, failed: false, promise: Promise.resolve() };
      entry.promise = run(batch).then(
        () => {
          entry.done = true;
          reportProgress();
        },
        (err: unknown) => {
          // The first failure (connection lost, disk full) stops the import: no new batches.
          failure ??= err;
          entry.failed = true;
          entry.done = true;
        },
      );
      inFlight.push(entry);
      batch = [];
      inBatch = new Set();
    }
    for (let running = inFlight.filter((b) => !b.done); running.length >= concurrency; running = inFlight.filter((b) => !b.done)) {
      await Promise.race(running.map((b) => b.promise));
    }
    if (failure !== undefined) {
      await Promise.all(inFlight.map((b) => b.promise));
      throw failure;
    }
  };

  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const raw = next.value;
    lineNo++;
    // A byte order mark is not part of the first line's JSON.
    const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      reject(lineNo, 'not valid JSON');
      continue;
    }
    const parsed = exchangeLine.safeParse(json);
    if (!parsed.success) {
      reject(lineNo, describeIssues(parsed.error));
      continue;
    }
    const value = parsed.data;
    if (!regions.has(value.region)) {
      reject(lineNo, `region: unknown region '${value.region}' (see signaal regions --format json)`);
      continue;
    }
    // The same contact twice in one batch: the second one is a duplicate like any other.
    if (inBatch.has(key(value))) {
      result.skipped++;
      continue;
    }
    inBatch.add(key(value));
    batch.push({ line: lineNo, value });
    if (batch.length >= batchSize) await flush(lineNo);
  }
  await flush(lineNo);
  await Promise.all(inFlight.map((b) => b.promise));
  if (failure !== undefined) throw failure;
  // Lines the database refused were found by batches finishing in any order.
  result.errors.sort((a, b) => a.line - b.line);
  await audit(db, opts, 'exchange.import', `imported ${result.imported}, skipped ${result.skipped}, rejected ${result.rejected}`);
  return result;
}

async function audit(db: Db, opts: ImportOptions, action: string, reason: string) {
  await transaction(db, (trx) =>
    appendAudit(trx, systemAuditEntry({ actorRole: opts.actorRole ?? 'cli', action, reason })),
  );
}

/**
 * The outcome of an imported melding's safety assessment (migration 0023): assessed elsewhere when
 * it has a veiligheidsbeoordeling event, its outcome not recorded in exchange-v1. Set with the row,
 * so the events that follow in the same transaction change nothing and no counter moves twice.
 */
export function assessmentOf(l: { kind: string; events: readonly { type: string }[] }): string | null {
  return l.kind === 'melding' && l.events.some((e) => e.type === 'veiligheidsbeoordeling') ? 'onbekend' : null;
}

/** Inserts the lines' contacts (skipping known ones) and their events; returns how many were new. */
async function insertBatch(trx: Parameters<Parameters<typeof transaction>[1]>[0], pending: Pending[]): Promise<number> {
  const v = pending.map((p) => p.value);
  // Column arrays through unnest(): one statement and a dozen parameters for the whole batch,
  // where a multi-row VALUES would need one parameter per cell (and hits the 65535 limit).
  const { rows } = await sql<{ id: string; source: string; external_id: string }>`
    insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type,
      reporter_group, violence_type, flags, source, external_id, assessment)
    select kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group,
      violence_type, case when flags = '' then '{}'::text[] else string_to_array(flags, ',') end, source, external_id, assessment
    from unnest(${v.map((l) => l.kind)}::text[], ${v.map((l) => l.receivedAt)}::timestamptz[],
      ${v.map((l) => l.region)}::text[], ${v.map((l) => l.municipalityCode)}::text[],
      ${v.map((l) => l.channel)}::text[], ${v.map((l) => l.reporter.type)}::text[],
      ${v.map((l) => l.reporter.group)}::text[], ${v.map((l) => l.violenceType ?? null)}::text[],
      ${v.map((l) => [...new Set(l.flags)].join(','))}::text[], ${v.map((l) => l.source)}::text[],
      ${v.map((l) => l.externalId)}::text[], ${v.map(assessmentOf)}::text[])
      as t(kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group,
        violence_type, flags, source, external_id, assessment)
    on conflict (source, external_id) do nothing
    returning id, source, external_id`.execute(trx);
  if (rows.length === 0) return 0;
  const byKey = new Map(v.map((l) => [key(l), l]));
  const ev = { contact: [] as string[], region: [] as string[], type: [] as string[], at: [] as string[], outcome: [] as (string | null)[], partner: [] as (string | null)[] };
  for (const r of rows) {
    const line = byKey.get(`${r.source}\u0000${r.external_id}`)!;
    for (const e of line.events) {
      ev.contact.push(r.id);
      ev.region.push(line.region);
      ev.type.push(e.type);
      ev.at.push(e.at);
      ev.outcome.push(e.outcome ?? null);
      ev.partner.push(e.partner ?? null);
    }
  }
  if (ev.contact.length > 0) {
    await sql`
      insert into contact_event (contact_id, region_code, type, at, outcome, partner)
      select * from unnest(${ev.contact}::uuid[], ${ev.region}::text[], ${ev.type}::text[],
        ${ev.at}::timestamptz[], ${ev.outcome}::text[], ${ev.partner}::text[])`.execute(trx);
  }
  return rows.length;
}
