import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../errors.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export type RegionErrorCode = 'unknown_region' | 'unknown_municipality' | 'no_classification';
export class RegionError extends AppError<RegionErrorCode> {}

export interface RegionWithMunicipalities {
  code: string;
  name: string;
  municipalities: { code: string; name: string }[];
}

/**
 * The classification year that answers for year Y: the newest one not after Y, or the oldest
 * one for years before it. With the shipped data, 2020 answers for 2020-2024 and 2025 for 2025
 * and later (see src/db/reference/README.md).
 */
export async function classificationYearFor(db: Executor, year: number): Promise<number> {
  const years = await db.selectFrom('municipality_classification').select('year').distinct().orderBy('year').execute();
  if (years.length === 0) throw new RegionError(500, 'no_classification', 'No municipality classification loaded');
  let chosen = years[0]!.year;
  for (const y of years) if (y.year <= year) chosen = y.year;
  return chosen;
}

/** Which municipalities belong to each region in year Y. Regions without any are included. */
export async function regionsForYear(db: Executor, year: number) {
  const classificationYear = await classificationYearFor(db, year);
  const regions = await db.selectFrom('region').select(['code', 'name']).orderBy('code').execute();
  const munis = await db
    .selectFrom('municipality_classification')
    .select(['municipality_code', 'municipality_name', 'region_code'])
    .where('year', '=', classificationYear)
    .orderBy(sql`municipality_name collate "C"`)
    .execute();
  const byRegion = new Map<string, { code: string; name: string }[]>();
  for (const m of munis) {
    const list = byRegion.get(m.region_code) ?? [];
    list.push({ code: m.municipality_code, name: m.municipality_name });
    byRegion.set(m.region_code, list);
  }
  const collator = new Intl.Collator('nl');
  const result: RegionWithMunicipalities[] = regions.map((r) => ({
    code: r.code,
    name: r.name,
    municipalities: (byRegion.get(r.code) ?? []).sort((a, b) => collator.compare(a.name, b.name)),
  }));
  return { year, classificationYear, regions: result };
}

/**
 * Moves a municipality to another region from `fromYear` on. The classification effective in
 * fromYear is copied to a snapshot for fromYear (if there is none yet), and the change is applied
 * to that snapshot and every later one. Earlier years keep their answer.
 */
export async function reassignMunicipality(db: Executor, municipalityCode: string, regionCode: string, fromYear: number) {
  const region = await db.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw new RegionError(400, 'unknown_region', `Onbekende regio: ${regionCode}`);
  const base = await classificationYearFor(db, fromYear);
  if (base !== fromYear) {
    await sql`insert into municipality_classification (year, municipality_code, municipality_name, province, region_code)
      select ${fromYear}, municipality_code, municipality_name, province, region_code
      from municipality_classification where year = ${base}`.execute(db);
  }
  const updated = await db
    .updateTable('municipality_classification')
    .set({ region_code: regionCode })
    .where('municipality_code', '=', municipalityCode)
    .where('year', '>=', fromYear)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    throw new RegionError(400, 'unknown_municipality', `Gemeente ${municipalityCode} bestaat niet in ${fromYear} of later`);
  }
  return Number(updated.numUpdatedRows);
}
