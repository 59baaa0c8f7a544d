import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CBS_TABLES, halfYearDates, publishCbsTable, type CbsTableDef, type HalfYear, type MeasureCounts, type PublishedTable } from '../../domain/stats/cbs-tables.ts';
import type { DisclosureSettings } from '../../domain/stats/disclosure-control.ts';
import { statsTotals, type StatsDimension, type StatsMeasure } from '../stats/stats.repository.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Counts per region and dimension value for one half year from the figures counters (stats_count,
 * migration 0016): a handful of index lookups, whatever the number of records.
 */
async function fromCounters(db: Executor, p: HalfYear, measure: StatsMeasure, dimension: StatsDimension, category: (value: string) => string = (v) => v): Promise<MeasureCounts> {
  const { from, until } = halfYearDates(p);
  const last = new Date(`${until}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const rows = await statsTotals(db, { measures: [measure], dimension, grain: 'half-year', from, to: last.toISOString().slice(0, 10), region: null, byRegion: true });
  const out = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!row.region) continue;
    const m = out.get(row.region) ?? new Map<string, number>();
    const c = dimension === 'total' ? 'totaal' : category(row.value);
    m.set(c, (m.get(c) ?? 0) + row.n);
    out.set(row.region, m);
  }
  return out;
}

const HANDOVER_TYPES = new Set(['lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'mda']);

/** The category of table 84855 for a counted partner value ('onbekend' when the event had none). */
export function handoverCategory(partner: string): string {
  if (HANDOVER_TYPES.has(partner)) return partner;
  return partner === 'onbekend' ? 'onbekend' : 'zorg-overig';
}

/** The counts each table needs, keyed by measure code. */
async function countsFor(db: Executor, def: CbsTableDef, p: HalfYear): Promise<Record<string, MeasureCounts>> {
  switch (def.id) {
    case '84847':
      return {
        adviezen: await fromCounters(db, p, 'advies', 'total'),
        meldingen: await fromCounters(db, p, 'melding', 'total'),
        veiligheidsbeoordelingen: await fromCounters(db, p, 'veiligheidsbeoordeling', 'total'),
        onderzoeken: await fromCounters(db, p, 'onderzoek', 'total'),
        overdrachten: await fromCounters(db, p, 'overdracht', 'total'),
        monitoring: await fromCounters(db, p, 'monitoring', 'total'),
      };
    case '84848':
      return { adviezen: await fromCounters(db, p, 'advies', 'reporterGroup'), meldingen: await fromCounters(db, p, 'melding', 'reporterGroup') };
    case '84850':
      return { meldingen: await fromCounters(db, p, 'melding', 'violenceType') };
    case '84852':
      // The outcome of the safety assessment of the half year's meldingen, from the counters'
      // assessment dimension (migration 0023: contact.assessment, kept from the handling in
      // Signaal and, for an imported melding, from its veiligheidsbeoordeling event).
      return { meldingen: await fromCounters(db, p, 'melding', 'assessment') };
    case '84853':
      return { onderzoeken: await fromCounters(db, p, 'onderzoek', 'outcome', (v) => (['bevestigd', 'niet-bevestigd', 'weerlegd'].includes(v) ? v : 'onbekend')) };
    case '84855':
      // From the counters' partner dimension of overdracht events (migration 0016): the event's
      // own partner. A handover made in Signaal writes its event when the partner accepts it, with
      // the organisation's partner type (signaal_handover_respond, migration 0009); an imported
      // event carries the partner named in the file. A type outside the five of the table is
      // other help; no partner is "not registered".
      return { overdrachten: await fromCounters(db, p, 'overdracht', 'partner', handoverCategory) };
    case '85361':
      // From the counters (migration 0024): a melding whose household file (through its people)
      // holds an earlier melding, and a melding that flagged a case of its household in monitoring.
      return {
        meldingen: await fromCounters(db, p, 'melding', 'total'),
        herhaald: await fromCounters(db, p, 'melding', 'repeat', () => 'totaal'),
        monitoring: await fromCounters(db, p, 'melding', 'duringMonitoring', () => 'totaal'),
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
