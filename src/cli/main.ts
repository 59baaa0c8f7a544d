import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { isRole, ROLES } from '../domain/access/permissions.ts';
import { openReadyDatabase } from '../runtime.ts';
import { verifyAuditChain } from '../server/audit/audit.repository.ts';
import { AppError } from '../server/errors.ts';
import { regionsForYear } from '../server/regions/region.repository.ts';
import { createStaffUser } from '../server/users/user.service.ts';
import { transaction } from '../db/scope.ts';
import { fieldCrypto } from '../db/field-crypto.ts';
import { reencryptFields } from '../db/field-reencrypt.ts';
import { systemAuditEntry } from '../server/audit/audit-chain.ts';
import { appendAudit } from '../server/audit/audit.repository.ts';
import { exportExchange } from '../server/exchange/exchange-export.service.ts';
import { importExchange } from '../server/exchange/exchange-import.service.ts';
import { annualReport } from '../server/reports/annual-report.ts';
import { CBS_TABLES, cbsCsv, parseHalfYear } from '../domain/stats/cbs-tables.ts';
import { disclosureSettings } from '../domain/stats/disclosure-control.ts';
import { cbsTable } from '../server/reports/cbs-delivery.ts';
import { runRetention } from '../server/retention/retention.service.ts';

/**
 * `signaal <command>`: the command-line contract of ../shared/contracts/cli-v1.md. Every command
 * runs pending migrations first, exits 0 on success and non-zero with a one-line reason on
 * standard error otherwise.
 */
class UsageError extends Error {}

interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | (string | boolean)[] | undefined>, positionals: string[]): Promise<void>;
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // The CLI never creates demo accounts: it is used for real set-ups too.
  // The CLI is the embedded database's only user while it runs: its own import lanes may wait a
  // whole batch for the connection, which is no reason to give up (the server's limit is for requests).
  const database = await openReadyDatabase(config.database.kind === 'pglite' ? { ...config, database: { ...config.database, waitMs: Infinity } } : config, { seedDemo: false });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  regions: {
    usage: 'signaal regions [--format json|table] [--year Y]\n  Regions with their municipalities for the current classification, or that of year Y.',
    options: { format: { type: 'string', default: 'table' }, year: { type: 'string' } },
    async run(v) {
      const format = String(v.format);
      if (format !== 'json' && format !== 'table') throw new UsageError(`unknown format '${format}' (json or table)`);
      let year = new Date().getFullYear();
      if (v.year !== undefined) {
        if (!/^\d{4}$/.test(String(v.year))) throw new UsageError(`--year must be a year like 2025, got '${String(v.year)}'`);
        year = Number(v.year);
      }
      const result = await withDatabase((d) => regionsForYear(d.db, year));
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(result.regions.map((r) => ({ code: r.code, name: r.name, municipalities: r.municipalities })))}\n`);
      } else {
        for (const r of result.regions) {
          process.stdout.write(`${r.code}\t${r.name}\t${r.municipalities.length} gemeenten: ${r.municipalities.map((m) => m.name).join(', ')}\n`);
        }
        process.stderr.write(`(classification of ${result.classificationYear} for year ${year})\n`);
      }
    },
  },
  'user add': {
    usage:
      'signaal user add --email E --role R --region CODE [--name "Display name"]\n' +
      `  Creates a staff account and prints its one-time password (alone, on standard output).\n  Roles: ${ROLES.join(', ')}`,
    options: { email: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, name: { type: 'string' } },
    async run(v) {
      const email = v.email === undefined ? '' : String(v.email);
      const role = v.role === undefined ? '' : String(v.role);
      const region = v.region === undefined ? '' : String(v.region);
      if (!email || !role || !region) throw new UsageError('--email, --role and --region are required');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError(`not an e-mail address: '${email}'`);
      if (!isRole(role)) throw new UsageError(`unknown role '${role}' (one of ${ROLES.join(', ')})`);
      const displayName = v.name === undefined ? email.split('@')[0]! : String(v.name);
      const { user, oneTimePassword } = await withDatabase((d) =>
        transaction(d.db, async (trx) => {
          const created = await createStaffUser(trx, { email, displayName, role, regionCode: region });
          await appendAudit(
            trx,
            systemAuditEntry({
              actorRole: 'cli',
              action: 'staff_user.create',
              recordType: 'staff_user',
              recordId: created.user.id,
              regionCode: created.user.region_code,
              reason: `role ${role}, via command line`,
            }),
          );
          return created;
        }),
      );
      process.stderr.write(`Account created: ${user.email} (${user.role}, ${user.region_code}). One-time password, to be changed at first sign-in:\n`);
      process.stdout.write(`${oneTimePassword}\n`);
    },
  },
  'audit verify': {
    usage: 'signaal audit verify\n  Checks the hash chain of the whole audit trail; exits 1 when it is broken.',
    options: {},
    async run() {
      const result = await withDatabase((d) => verifyAuditChain(d.db));
      if (!result.ok) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        throw new Error(`audit chain broken at entry ${result.firstBrokenSeq} (${result.checked} entries before it are intact)`);
      }
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
  },
  import: {
    usage:
      'signaal import FILE|- [--progress]\n' +
      '  Imports an exchange-v1 NDJSON file (- reads standard input) and prints one JSON object with the counts\n' +
      '  {"imported","skipped","rejected","errors":[{"line","reason"}]}. Exits 1 when any line was rejected.\n' +
      '  Lines already present (same source and externalId) are skipped, so re-running completes an interrupted import.\n' +
      '  --progress: print the number of lines handled to standard error after each committed batch.',
    options: { progress: { type: 'boolean', default: false } },
    async run(v, positionals) {
      if (positionals.length !== 1) throw new UsageError('give exactly one FILE, or - for standard input');
      const file = positionals[0]!;
      const input = file === '-' ? process.stdin : createReadStream(file);
      // Fail on a missing file before opening the database, with the operating system's reason.
      if (file !== '-') await once(input, 'open');
      const progress = v.progress === true ? (n: number) => process.stderr.write(`signaal: ${n} lines handled\n`) : undefined;
      const result = await withDatabase((d) => importExchange(d.db, input, progress ? { onProgress: progress } : {}));
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (result.rejected > 0) throw new Error(`${result.rejected} line(s) rejected, the other lines were handled (see errors in the output)`);
    },
  },
  export: {
    usage:
      'signaal export --region CODE --from YYYY-MM-DD --to YYYY-MM-DD\n' +
      '  Writes the contacts of a region received from --from up to and including --to (Amsterdam dates),\n' +
      '  with all their events, as exchange-v1 NDJSON on standard output.',
    options: { region: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    async run(v) {
      if (v.region === undefined || v.from === undefined || v.to === undefined) throw new UsageError('--region, --from and --to are required');
      const period = { region: String(v.region), from: String(v.from), to: String(v.to) };
      // Checked before the database is opened (seconds for the embedded one); the service checks
      // again that they are real calendar dates.
      for (const d of [period.from, period.to]) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new UsageError(`dates as YYYY-MM-DD, got '${d}'`);
      await withDatabase(async (d) => {
        let buffer = '';
        for await (const line of exportExchange(d.db, period)) {
          buffer += line;
          if (buffer.length >= 64 * 1024) {
            if (!process.stdout.write(buffer)) await once(process.stdout, 'drain');
            buffer = '';
          }
        }
        if (buffer && !process.stdout.write(buffer)) await once(process.stdout, 'drain');
      });
    },
  },
  'keys reencrypt': {
    usage:
      'signaal keys reencrypt\n' +
      '  Rewrites every encrypted field under the first key of SIGNAAL_ENCRYPTION_KEYS and prints {"rewritten":N,"columns":[...]}.\n' +
      '  Key rotation: put the new key in front, run this, then remove the old key (docs/adr/0013).',
    options: {},
    async run() {
      const result = await withDatabase((d) =>
        reencryptFields(d.raw, 'rotate').then(async (columns) => {
          const rewritten = columns.reduce((n, c) => n + c.rewritten, 0);
          // Counts and the key id only: never a value.
          await transaction(d.db, (trx) =>
            appendAudit(trx, systemAuditEntry({ actorRole: 'cli', action: 'keys.reencrypt', recordType: 'encryption_key', recordId: fieldCrypto().activeKeyId, regionCode: null, reason: `${rewritten} values rewritten` })),
          );
          return { rewritten, columns };
        }),
      );
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
  },
  'retention run': {
    usage:
      'signaal retention run\n' +
      '  Runs the retention job now (as the daily schedule does): erases expired files and adviezen, deletes expired\n' +
      '  chat transcripts, and prints {"status","filesErased","adviceErased","transcriptsDeleted"} (counts only).',
    options: {},
    async run() {
      const config = loadConfig();
      const r = await withDatabase((d) =>
        runRetention(d.db, { settings: { fileYears: config.retention.fileYears, adviceYears: config.retention.adviceYears }, chatRetentionDays: config.chat.retentionDays, trigger: 'cli' }),
      );
      process.stdout.write(`${JSON.stringify({ status: r.status, filesErased: r.filesErased, adviceErased: r.adviceErased, transcriptsDeleted: r.transcriptsDeleted })}\n`);
      if (r.status === 'skipped') throw new Error('another process is running the retention job; try again later');
    },
  },
  'report annual': {
    usage: 'signaal report annual --region CODE --year Y [--format json]\n  Prints the annual regional report (annual-report-v1 JSON).',
    options: { region: { type: 'string' }, year: { type: 'string' }, format: { type: 'string', default: 'json' } },
    async run(v) {
      if (v.region === undefined || v.year === undefined) throw new UsageError('--region and --year are required');
      if (String(v.format) !== 'json') throw new UsageError(`unknown format '${String(v.format)}' (json)`);
      if (!/^\d{4}$/.test(String(v.year))) throw new UsageError(`--year must be a year like 2020, got '${String(v.year)}'`);
      const region = String(v.region);
      const year = Number(v.year);
      const report = await withDatabase((d) =>
        transaction(d.db, async (trx) => {
          const r = await annualReport(trx, region, year);
          await appendAudit(trx, {
            at: new Date(), requestId: null, actorId: null, actorEmail: null, actorRole: 'cli', actorOrganisationId: null, actorRegion: null,
            action: 'report.annual', recordType: 'annual_report', recordId: `${region}/${year}`, regionCode: region, outcome: 'allowed', reason: 'via command line',
          });
          return r;
        }),
      );
      process.stdout.write(`${JSON.stringify(report)}\n`);
    },
  },
  // Added beside cli-v1's commands (which stay as they are): the semi-annual CBS delivery.
  'report cbs': {
    usage: `signaal report cbs --table ID --period YYYY-H1|YYYY-H2\n  Prints one CBS table (${CBS_TABLES.map((t) => t.id).join(', ')}) per region as StatLine-style CSV, disclosure-controlled (ADR 0012).`,
    options: { table: { type: 'string' }, period: { type: 'string' } },
    async run(v) {
      if (v.table === undefined || v.period === undefined) throw new UsageError('--table and --period are required');
      const id = String(v.table);
      if (!CBS_TABLES.some((t) => t.id === id)) throw new UsageError(`unknown table '${id}' (${CBS_TABLES.map((t) => t.id).join(', ')})`);
      const period = parseHalfYear(String(v.period));
      if (!period) throw new UsageError(`--period must be a half year like 2026-H1, got '${String(v.period)}'`);
      const config = loadConfig();
      const settings = disclosureSettings(config.disclosure.threshold, config.disclosure.roundingBase);
      const csv = await withDatabase((d) =>
        transaction(d.db, async (trx) => {
          const t = (await cbsTable(trx, id, period, settings))!;
          await appendAudit(trx, {
            at: new Date(), requestId: null, actorId: null, actorEmail: null, actorRole: 'cli', actorOrganisationId: null, actorRegion: null,
            action: 'report.cbs', recordType: 'cbs_table', recordId: `${id}/${String(v.period)}`, regionCode: null, outcome: 'allowed', reason: 'via command line',
          });
          return cbsCsv(t);
        }),
      );
      process.stdout.write(csv);
    },
  },
};

function globalHelp(): string {
  return [
    'Usage: signaal <command> [options]',
    '',
    ...Object.values(commands).map((c) => c.usage),
    '',
    'Database: the embedded one in ./data (SIGNAAL_DATA_DIR moves it) or the PostgreSQL server in DATABASE_URL.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${globalHelp()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const two = argv.slice(0, 2).join(' ');
  const name = commands[two] ? two : argv[0]!;
  const command = commands[name];
  if (!command) {
    process.stderr.write(`signaal: unknown command '${argv.slice(0, 2).join(' ')}' (see signaal --help)\n`);
    return 2;
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
  await command.run(parsed.values, parsed.positionals);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    const prefix = err instanceof UsageError ? 'usage error: ' : err instanceof ConfigError || err instanceof AppError ? '' : 'error: ';
    process.stderr.write(`signaal: ${prefix}${message.replace(/\s+/g, ' ').trim()}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
