import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { AppError } from '../errors.ts';
import { classificationYearFor } from '../regions/region.repository.ts';
import { statsMany, type StatsDimension } from '../stats/stats.repository.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export type ReportErrorCode = 'unknown_region' | 'unknown_week' | 'unknown_year';
export class ReportError extends AppError<ReportErrorCode> {}

type ViolenceType = (typeof VIOLENCE_TYPES)[number];

export interface MunicipalityRow {
  code: string | null;
  name: string;
  meldingen: number;
  adviezen: number;
  totaal: number;
}

/** ../shared/contracts/annual-report-v1.md, key for key and in the contract's order. */
export interface AnnualReport {
  format: 'signaal.annual-report/v1';
  region: { code: string; name: string };
  year: number;
  municipalities: MunicipalityRow[];
  totaal: { meldingen: number; adviezen: number; totaal: number };
  adviezen: { totaal: number; beroepsmatig: number; particulier: number; onbekend: number };
  meldingen: {
    totaal: number;
    beroepsmatig: number;
    particulier: number;
    onbekend: number;
    geweldsvorm: Record<ViolenceType, { aantal: number; procent: number }>;
  };
  onderzoeken: number;
  veiligheidsvoorwaarden: number;
  overdrachten: number;
  monitoring: number;
  huisverboden: number;
  aware: number;
}

/** aantal / totaal * 100 rounded half up, in integers so 0.5 never becomes 0.49999. */
export function percentHalfUp(aantal: number, totaal: number): number {
  if (totaal === 0) return 0;
  return Math.floor((200 * aantal + totaal) / (2 * totaal));
}

const collator = new Intl.Collator('nl');

/** The follow-up events the report counts, by exchange-v1 event type. */
const COUNTED_EVENTS = ['onderzoek', 'veiligheidsvoorwaarden', 'overdracht', 'monitoring', 'huisverbod', 'aware'] as const;

/**
 * The annual figures of one region. Contacts count by their receivedAt in the Amsterdam year and
 * their receiving region; events by their own `at` in that year and their contact's receiving
 * region (event.region_code is that region, kept in step by a foreign key), also when the
 * contact is from an earlier year. Pure aggregates: no row of a person leaves this function.
 *
 * Read from the figures counters (ADR 0011), the year rows of the region: the same periods
 * (Amsterdam years) and the same values as a count of the records, which the figures equality test
 * proves; at national scale a scan of a region's year took 0.4-0.8 s, this a few index lookups.
 * A contact without a municipality is counted under 'onbekend' there (no municipality code is
 * that word).
 */
export async function annualReport(db: Executor, regionCode: string, year: number): Promise<AnnualReport> {
  const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw new ReportError(404, 'unknown_region', `Onbekende regio: ${regionCode}`);

  const yearStart = `${year}-01-01`;
  const counted = await statsMany(db, {
    pairs: [
      ...(['advies', 'melding'] as const).flatMap((kind) => [[kind, 'municipality'] as const, [kind, 'reporterType'] as const]),
      ['melding', 'violenceType'],
      ...COUNTED_EVENTS.map((type) => [type, 'total'] as const),
    ],
    grain: 'year',
    from: yearStart,
    to: yearStart,
    region: regionCode,
    perPeriod: false,
  });
  const rows = (measure: string, dimension: StatsDimension) => counted.filter((r) => r.measure === measure && r.dimension === dimension);
  const eventCounts = COUNTED_EVENTS.map((type) => ({ type, n: rows(type, 'total').reduce((sum, r) => sum + r.n, 0) }));

  const classificationYear = await classificationYearFor(db, year);
  const own = await db
    .selectFrom('municipality_classification')
    .select(['municipality_code', 'municipality_name'])
    .where('year', '=', classificationYear)
    .where('region_code', '=', regionCode)
    .execute();

  const perMunicipality = new Map<string | null, { meldingen: number; adviezen: number }>();
  for (const kind of ['advies', 'melding'] as const) {
    for (const r of rows(kind, 'municipality')) {
      const code = r.value === 'onbekend' ? null : r.value;
      const m = perMunicipality.get(code) ?? { meldingen: 0, adviezen: 0 };
      if (kind === 'melding') m.meldingen += r.n;
      else m.adviezen += r.n;
      perMunicipality.set(code, m);
    }
  }
  const byReporter = (kind: 'advies' | 'melding') => {
    const out = { totaal: 0, beroepsmatig: 0, particulier: 0, onbekend: 0 };
    for (const r of rows(kind, 'reporterType')) {
      const reporter = r.value === 'beroepsmatig' || r.value === 'particulier' ? r.value : 'onbekend';
      out[reporter] += r.n;
      out.totaal += r.n;
    }
    return out;
  };
  const adviezen = byReporter('advies');
  const meldingen = byReporter('melding');
  const violence = Object.fromEntries(VIOLENCE_TYPES.map((t) => [t, 0])) as Record<ViolenceType, number>;
  for (const r of rows('melding', 'violenceType')) {
    const vt = (VIOLENCE_TYPES as readonly string[]).includes(r.value) ? (r.value as ViolenceType) : 'onbekend';
    violence[vt] += r.n;
  }

  const row = (code: string | null, name: string): MunicipalityRow => {
    const m = perMunicipality.get(code) ?? { meldingen: 0, adviezen: 0 };
    return { code, name, meldingen: m.meldingen, adviezen: m.adviezen, totaal: m.meldingen + m.adviezen };
  };
  const byName = (a: MunicipalityRow, b: MunicipalityRow) => collator.compare(a.name, b.name);
  const ownCodes = new Set(own.map((m) => m.municipality_code));
  const first = own.map((m) => row(m.municipality_code, m.municipality_name)).sort(byName);
  const otherCodes = [...perMunicipality.keys()].filter((c): c is string => c !== null && !ownCodes.has(c));
  const names = await namesFor(db, otherCodes, classificationYear);
  const second = otherCodes.map((c) => row(c, names.get(c) ?? c)).sort(byName);

  const events = new Map(eventCounts.map((e) => [e.type, e.n]));
  return {
    format: 'signaal.annual-report/v1',
    region: { code: region.code, name: region.name },
    year,
    municipalities: [...first, ...second, row(null, 'Onbekend')],
    totaal: { meldingen: meldingen.totaal, adviezen: adviezen.totaal, totaal: meldingen.totaal + adviezen.totaal },
    adviezen,
    meldingen: {
      ...meldingen,
      geweldsvorm: Object.fromEntries(
        VIOLENCE_TYPES.map((t) => [t, { aantal: violence[t], procent: percentHalfUp(violence[t], meldingen.totaal) }]),
      ) as AnnualReport['meldingen']['geweldsvorm'],
    },
    onderzoeken: events.get('onderzoek') ?? 0,
    veiligheidsvoorwaarden: events.get('veiligheidsvoorwaarden') ?? 0,
    overdrachten: events.get('overdracht') ?? 0,
    monitoring: events.get('monitoring') ?? 0,
    huisverboden: events.get('huisverbod') ?? 0,
    aware: events.get('aware') ?? 0,
  };
}

/** Names of municipalities outside the region: that year's classification, else the newest known. */
async function namesFor(db: Executor, codes: string[], classificationYear: number): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('municipality_classification')
    .select(['municipality_code', 'municipality_name', 'year'])
    .where('municipality_code', 'in', codes)
    .execute();
  const names = new Map<string, { name: string; rank: number }>();
  for (const r of rows) {
    // That year's classification wins; otherwise the newest year.
    const rank = r.year === classificationYear ? Number.MAX_SAFE_INTEGER : r.year;
    const known = names.get(r.municipality_code);
    if (!known || rank > known.rank) names.set(r.municipality_code, { name: r.municipality_name, rank });
  }
  return new Map([...names].map(([c, v]) => [c, v.name]));
}
