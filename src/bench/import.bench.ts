// Import: an exchange-v1 file through the importer (as `signaal import FILE`), against batched
// raw INSERTs of the same rows.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openPGlite, openPostgres, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { syntheticLines } from '../server/exchange/exchange.fixtures.ts';
import { assessmentOf, importExchange } from '../server/exchange/exchange-import.service.ts';
import { result, round, type BenchDb, type BenchOptions, type BenchResult } from './bench-support.ts';

interface Line {
  kind: string;
  receivedAt: string;
  region: string;
  municipalityCode: string | null;
  channel: string;
  reporter: { type: string; group: string };
  violenceType?: string;
  externalId: string;
  events: { type: string; at: string }[];
}

// The importer's defaults, spelled out so the baseline uses the same.
const BATCH = 10_000;
const LANES = 2;

export async function benchImport(target: BenchDb, opts: BenchOptions): Promise<BenchResult[]> {
  const lines = opts.quick ? 20_000 : 300_000;
  const dir = await mkdtemp(path.join(tmpdir(), 'signaal-bench-import-'));
  const file = path.join(dir, 'national.ndjson');
  const out = createWriteStream(file);
  for (const line of syntheticLines(lines, { source: 'bench-import' })) if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve) => out.end(resolve));

  const database: Database = target.kind === 'pglite' ? await openPGlite(`${target.dataDir}/pglite`) : await openPostgres(target.url!, 4);
  try {
    await migrateToLatest(database.db);
    opts.log(`import (${target.kind}): ${lines} lines through the importer`);
    const t0 = performance.now();
    const r = await importExchange(database.db, createReadStream(file), { actorRole: 'bench', batchSize: BATCH, concurrency: LANES });
    const importMs = performance.now() - t0;
    if (r.imported !== lines) throw new Error(`import: ${r.imported} of ${lines} imported (${r.rejected} rejected)`);

    // The same rows, prepared in memory beforehand, inserted in the importer's batches and lanes
    // without parsing, validation or audit (another source, so they do not collide with the
    // imported ones): the ratio is what the importer itself adds.
    const rows = [...syntheticLines(lines, { source: 'bench-baseline' })].map((l) => JSON.parse(l) as Line);
    opts.log(`import (${target.kind}): baseline, batched raw INSERT of the same rows`);
    const t1 = performance.now();
    const batches: Line[][] = [];
    for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
    const lane = async () => {
      for (let v = batches.shift(); v; v = batches.shift()) await insertRaw(v);
    };
    const insertRaw = async (v: Line[]) => {
      await database.db.transaction().execute(async (trx) => {
        const { rows: ids } = await sql<{ id: string }>`
          insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type, flags, source, external_id, assessment)
          select kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type, '{}'::text[], 'bench-baseline', external_id, assessment
          from unnest(${v.map((l) => l.kind)}::text[], ${v.map((l) => l.receivedAt)}::timestamptz[], ${v.map((l) => l.region)}::text[],
            ${v.map((l) => l.municipalityCode)}::text[], ${v.map((l) => l.channel)}::text[], ${v.map((l) => l.reporter.type)}::text[],
            ${v.map((l) => l.reporter.group)}::text[], ${v.map((l) => l.violenceType ?? null)}::text[], ${v.map((l) => l.externalId)}::text[],
            ${v.map(assessmentOf)}::text[])
            as t(kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type, external_id, assessment)
          returning id`.execute(trx);
        const ev = { contact: [] as string[], region: [] as string[], type: [] as string[], at: [] as string[] };
        v.forEach((l, k) => {
          for (const e of l.events) {
            ev.contact.push(ids[k]!.id);
            ev.region.push(l.region);
            ev.type.push(e.type);
            ev.at.push(e.at);
          }
        });
        if (ev.contact.length > 0) {
          await sql`insert into contact_event (contact_id, region_code, type, at)
            select * from unnest(${ev.contact}::uuid[], ${ev.region}::text[], ${ev.type}::text[], ${ev.at}::timestamptz[])`.execute(trx);
        }
      });
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    const baseMs = performance.now() - t1;
    const limit = target.kind === 'postgres' ? 30 : 90;
    const scaled = (importMs / 1000) * (300_000 / lines);
    const note = lines === 300_000 ? `${lines} lines` : `--quick: ${lines} lines, not 300,000 (scaled to 300,000: ~${round(scaled)} s)`;
    return [
      result({ scenario: 'import', db: target.kind, metric: 'seconds', value: round(importMs / 1000, 2), baseline: round(baseMs / 1000, 2), target: `<= ${limit} s for 300,000; ratio <= 2`, note }),
    ].map((x) => ({ ...x, met: lines === 300_000 ? importMs / 1000 <= limit && (x.ratio ?? Infinity) <= 2 : (x.ratio ?? Infinity) <= 2 && scaled <= limit }));
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
