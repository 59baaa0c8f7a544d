import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CBS_TABLES, halfYearDates, publishCbsTable, type CbsTableDef, type HalfYear, type MeasureCounts, type PublishedTable } from '../../domain/stats/cbs-tables.ts';
import type { DisclosureSettings } from '../../domain/stats/disclosure-control.ts';

type Executor = Kysely<DB> | Transaction<DB>;

interface Row {
  region: string;
  category: string;
  n: number;
}

/**
 * Counts per region and category for one half year. Every query starts from the region table and
 * reads each region's rows through a lateral join on an index that leads with region_code
 * (contact_region_received, contact_event_region_at), so the work follows the half year's
 * records, not the whole table. Aggregates only: no id or person leaves these functions.
 */
async function perRegion(db: Executor, inner: RawBuilder<unknown>): Promise<MeasureCounts> {
  const { rows } = await sql<Row>`
    select r.code as region, t.category, t.n
      from region r cross join lateral (${inner}) t`.execute(db);
  const out = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const m = out.get(row.region) ?? new Map<string, number>();
    m.set(row.category, (m.get(row.category) ?? 0) + Number(row.n));
    out.set(row.region, m);
  }
  return out;
}

function bounds(p: HalfYear) {
  const { from, until } = halfYearDates(p);
  return {
    start: sql`(${from}::date::timestamp at time zone 'Europe/Amsterdam')`,
    end: sql`(${until}::date::timestamp at time zone 'Europe/Amsterdam')`,
  };
}

const contacts = (p: HalfYear, kind: 'advies' | 'melding', category: RawBuilder<unknown>) => {
  const { start, end } = bounds(p);
  return sql`select ${category} as category, count(*)::int as n from contact c
    where c.region_code = r.code and c.kind = ${kind} and c.received_at >= ${start} and c.received_at < ${end} group by 1`;
};

const events = (p: HalfYear, type: string, category: RawBuilder<unknown>) => {
  const { start, end } = bounds(p);
  return sql`select ${category} as category, count(*)::int as n from contact_event e
    where e.region_code = r.code and e.type = ${type} and e.at >= ${start} and e.at < ${end} group by 1`;
};

const total = sql`'totaal'`;

/** The counts each table needs, keyed by measure code. */
async function countsFor(db: Executor, def: CbsTableDef, p: HalfYear): Promise<Record<string, MeasureCounts>> {
  const { start, end } = bounds(p);
  switch (def.id) {
    case '84847':
      return {
        adviezen: await perRegion(db, contacts(p, 'advies', total)),
        meldingen: await perRegion(db, contacts(p, 'melding', total)),
        veiligheidsbeoordelingen: await perRegion(db, events(p, 'veiligheidsbeoordeling', total)),
        onderzoeken: await perRegion(db, events(p, 'onderzoek', total)),
        overdrachten: await perRegion(db, events(p, 'overdracht', total)),
        monitoring: await perRegion(db, events(p, 'monitoring', total)),
      };
    case '84848': {
      const group = sql`c.reporter_group`;
      return { adviezen: await perRegion(db, contacts(p, 'advies', group)), meldingen: await perRegion(db, contacts(p, 'melding', group)) };
    }
    case '84850':
      return { meldingen: await perRegion(db, contacts(p, 'melding', sql`coalesce(c.violence_type, 'onbekend')`)) };
    case '84852':
      // The outcome of the safety assessment as recorded when handling in Signaal; an imported
      // melding has only the event that it was assessed.
      return {
        meldingen: await perRegion(
          db,
          sql`select case
                when h.acute_unsafety then 'acuut'
                when h.structural_unsafety then 'structureel'
                when h.assessed_at is not null then 'geen'
                when exists (select 1 from contact_event e where e.contact_id = c.id and e.type = 'veiligheidsbeoordeling') then 'onbekend'
                else 'niet' end as category, count(*)::int as n
              from contact c left join case_handling h on h.contact_id = c.id
             where c.region_code = r.code and c.kind = 'melding' and c.received_at >= ${start} and c.received_at < ${end}
             group by 1`,
        ),
      };
    case '84853':
      return { onderzoeken: await perRegion(db, events(p, 'onderzoek', sql`case when e.outcome in ('bevestigd', 'niet-bevestigd', 'weerlegd') then e.outcome else 'onbekend' end`)) };
    case '84855':
      // The organisation a handover went to, by its partner type when the handover was made in
      // Signaal (the newest one of the melding); imported events carry no organisation type.
      return {
        overdrachten: await perRegion(
          db,
          sql`select case
                when o.partner_type in ('lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'mda') then o.partner_type
                when o.partner_type is not null then 'zorg-overig'
                else 'onbekend' end as category, count(*)::int as n
              from contact_event e
              left join lateral (
                select org.partner_type from case_handover ch join organisation org on org.id = ch.organisation_id
                 where ch.contact_id = e.contact_id order by ch.sent_at desc limit 1) o on true
             where e.region_code = r.code and e.type = 'overdracht' and e.at >= ${start} and e.at < ${end}
             group by 1`,
        ),
      };
    case '85361':
      return {
        meldingen: await perRegion(db, contacts(p, 'melding', total)),
        // A melding on a household about which Veilig Thuis had an earlier melding (the radar).
        herhaald: await perRegion(
          db,
          sql`select 'totaal' as category, count(*)::int as n from contact c
               where c.region_code = r.code and c.kind = 'melding' and c.received_at >= ${start} and c.received_at < ${end}
                 and exists (
                   select 1 from person p join person p2 on p2.household_id = p.household_id and p2.contact_id <> c.id
                     join contact c2 on c2.id = p2.contact_id and c2.kind = 'melding' and c2.received_at < c.received_at
                    where p.contact_id = c.id and p.household_id is not null)`,
        ),
        // A melding that arrived while another melding of the household was being monitored.
        monitoring: await perRegion(
          db,
          sql`select 'totaal' as category, count(*)::int as n from contact c
               where c.region_code = r.code and c.kind = 'melding' and c.received_at >= ${start} and c.received_at < ${end}
                 and exists (select 1 from case_handling h where h.monitoring_signal_contact = c.id)`,
        ),
      };
    default:
      throw new Error(`no counts for table ${def.id}`);
  }
}

/** One table of the semi-annual delivery, disclosure-controlled and laid out like StatLine. */
export async function cbsTable(db: Executor, id: string, period: HalfYear, s: DisclosureSettings): Promise<PublishedTable | null> {
  const def = CBS_TABLES.find((t) => t.id === id);
  if (!def) return null;
  const regions = await db.selectFrom('region').select(['code', 'name']).orderBy('name').execute();
  return publishCbsTable(def, period, regions, await countsFor(db, def, period), s);
}
