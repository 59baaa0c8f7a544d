import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { AppError } from '../errors.ts';

export type ExchangeErrorCode = 'unknown_region' | 'invalid_period';
export class ExchangeError extends AppError<ExchangeErrorCode> {}

export interface ExportPeriod {
  region: string;
  /** First Amsterdam calendar day, YYYY-MM-DD. */
  from: string;
  /** Last Amsterdam calendar day, YYYY-MM-DD, inclusive: "--to 2020-12-31" includes New Year's Eve. */
  to: string;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  hourCycle: 'h23', timeZoneName: 'longOffset',
});

/** An instant as Amsterdam wall-clock time with its offset: 2020-03-01T10:00:00+01:00 (milliseconds when not zero). */
export function formatAmsterdam(d: Date): string {
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(p.timeZoneName ?? '')?.[1] ?? '+00:00';
  const ms = d.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${fraction}${offset}`;
}

interface ContactLineRow {
  id: string;
  kind: string;
  received_at: Date;
  cursor_at: string;
  region_code: string;
  municipality_code: string | null;
  channel: string;
  reporter_type: string;
  reporter_group: string;
  violence_type: string | null;
  flags: string[];
  source: string;
  external_id: string | null;
}

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Writes the contacts of a region whose receivedAt falls in the period (Amsterdam days, both
 * ends inclusive) with all their events, as exchange-v1 lines. Keyset-paged on (received_at, id):
 * one page in memory at a time, whatever the size of the period. Contacts registered in Signaal
 * itself have no external id; they travel as source "signaal" with their own id, so that a
 * re-import elsewhere is idempotent too. Audited before the first line leaves, as owner.
 */
export async function* exportExchange(db: Db, period: ExportPeriod, pageSize = 1000): AsyncGenerator<string> {
  if (!validDate(period.from) || !validDate(period.to)) throw new ExchangeError(400, 'invalid_period', 'Datums als JJJJ-MM-DD, bijvoorbeeld 2020-01-01');
  if (period.from > period.to) throw new ExchangeError(400, 'invalid_period', `De begindatum ${period.from} ligt na de einddatum ${period.to}`);
  const region = await db.selectFrom('region').select('code').where('code', '=', period.region).executeTakeFirst();
  if (!region) throw new ExchangeError(400, 'unknown_region', `Onbekende regio: ${period.region}`);
  await transaction(db, (trx) =>
    appendAudit(trx, {
      at: new Date(), requestId: null, actorId: null, actorEmail: null, actorRole: 'cli', actorOrganisationId: null, actorRegion: null,
      action: 'exchange.export', recordType: null, recordId: null, regionCode: period.region, outcome: 'allowed',
      reason: `${period.from} to ${period.to} inclusive`,
    }),
  );
  const { rows: bounds } = await sql<{ start: string; end: string }>`
    select (${period.from}::date::timestamp at time zone 'Europe/Amsterdam')::text as start,
           ((${period.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')::text as end`.execute(db);
  const { start, end } = bounds[0]!;
  // The cursor keeps received_at as text: a JS Date would drop microseconds and skip rows.
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const cursor: { at: string; id: string } | null = after;
    const { rows }: { rows: ContactLineRow[] } = await sql<ContactLineRow>`
      select id, kind, received_at, received_at::text as cursor_at, region_code, municipality_code, channel,
        reporter_type, reporter_group, violence_type, flags, source, external_id
      from contact
      where region_code = ${period.region} and received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz
        ${cursor ? sql`and (received_at, id) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
      order by received_at, id
      limit ${pageSize}`.execute(db);
    if (rows.length === 0) return;
    const { rows: events } = await sql<{ contact_id: string; type: string; at: Date; outcome: string | null; partner: string | null }>`
      select contact_id, type, at, outcome, partner from contact_event
      where contact_id = any(${rows.map((r) => r.id)}::uuid[]) order by contact_id, at, id`.execute(db);
    const byContact = new Map<string, typeof events>();
    for (const e of events) {
      const list = byContact.get(e.contact_id) ?? [];
      list.push(e);
      byContact.set(e.contact_id, list);
    }
    for (const r of rows) {
      const line = {
        externalId: r.external_id ?? r.id,
        source: r.external_id === null ? 'signaal' : r.source,
        kind: r.kind,
        receivedAt: formatAmsterdam(new Date(r.received_at)),
        region: r.region_code,
        municipalityCode: r.municipality_code,
        channel: r.channel,
        reporter: { type: r.reporter_type, group: r.reporter_group },
        ...(r.violence_type === null ? {} : { violenceType: r.violence_type }),
        flags: r.flags,
        events: (byContact.get(r.id) ?? []).map((e) => ({
          type: e.type,
          at: formatAmsterdam(new Date(e.at)),
          ...(e.outcome === null ? {} : { outcome: e.outcome }),
          ...(e.partner === null ? {} : { partner: e.partner }),
        })),
      };
      yield `${JSON.stringify(line)}\n`;
    }
    const last: ContactLineRow = rows[rows.length - 1]!;
    after = { at: last.cursor_at, id: last.id };
  }
}
