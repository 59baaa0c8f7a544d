import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { AppError } from '../errors.ts';
import { classificationYearFor } from '../regions/region.repository.ts';

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

/**
 * The annual figures of one region. Contacts count by their receivedAt in the Amsterdam year and
 * their receiving region; events by their own `at` in that year and their contact's receiving
 * region (event.region_code is that region, kept in step by a foreign key), also when the
 * contact is from an earlier year. Pure aggregates: no row of a person leaves this function.
 */
export async function annualReport(db: Executor, regionCode: string, year: number): Promise<AnnualReport> {
  const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw new ReportError(404, 'unknown_region', `Onbekende regio: ${regionCode}`);

  // Year boundaries in Amsterdam time, computed by the database's time zone rules.
  const start = sql`make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Europe/Amsterdam')`;
  const end = sql`make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Europe/Amsterdam')`;

  const { rows: contactCounts } = await sql<{ kind: string; municipality_code: string | null; reporter_type: string; violence_type: string | null; n: number }>`
    select kind, municipality_code, reporter_type, violence_type, count(*)::int as n
    from contact
    where region_code = ${regionCode} and received_at >= ${start} and received_at < ${end}
    group by kind, municipality_code, reporter_type, violence_type`.execute(db);

  const { rows: eventCounts } = await sql<{ type: string; n: number }>`
    select type, count(*)::int as n
    from contact_event
    where region_code = ${regionCode} and at >= ${start} and at < ${end}
    group by type`.execute(db);

  const classificationYear = await classificationYearFor(db, year);
  const own = await db
    .selectFrom('municipality_classification')
    .select(['municipality_code', 'municipality_name'])
    .where('year', '=', classificationYear)
    .where('region_code', '=', regionCode)
    .execute();

  const perMunicipality = new Map<string | null, { meldingen: number; adviezen: number }>();
  const adviezen = { totaal: 0, beroepsmatig: 0, particulier: 0, onbekend: 0 };
  const meldingen = { totaal: 0, beroepsmatig: 0, particulier: 0, onbekend: 0 };
  const violence = Object.fromEntries(VIOLENCE_TYPES.map((t) => [t, 0])) as Record<ViolenceType, number>;
  for (const c of contactCounts) {
    const m = perMunicipality.get(c.municipality_code) ?? { meldingen: 0, adviezen: 0 };
    const reporter = c.reporter_type === 'beroepsmatig' || c.reporter_type === 'particulier' ? c.reporter_type : 'onbekend';
    if (c.kind === 'melding') {
      m.meldingen += c.n;
      meldingen.totaal += c.n;
      meldingen[reporter] += c.n;
      const vt = (VIOLENCE_TYPES as readonly string[]).includes(c.violence_type ?? '') ? (c.violence_type as ViolenceType) : 'onbekend';
      violence[vt] += c.n;
    } else {
      m.adviezen += c.n;
      adviezen.totaal += c.n;
      adviezen[reporter] += c.n;
    }
    perMunicipality.set(c.municipality_code, m);
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
