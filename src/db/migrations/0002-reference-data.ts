import { readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { parseMunicipalityCsv } from '../reference/municipalities.ts';

const CSV_URL = new URL('../reference/nl_municipalities.csv', import.meta.url);

/** Loads the shipped municipality classification (2020 and 2025) and the 25 safety regions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = parseMunicipalityCsv(await readFile(CSV_URL, 'utf8'));
  const regions = new Map<string, string>();
  for (const r of rows) regions.set(r.regionCode, r.regionName);
  for (const [code, name] of regions) {
    await sql`INSERT INTO region (code, name) VALUES (${code}, ${name})`.execute(db);
  }
  const chunk = 200;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await sql`INSERT INTO municipality_classification (year, municipality_code, municipality_name, province, region_code)
      VALUES ${sql.join(part.map((r) => sql`(${r.year}, ${r.code}, ${r.name}, ${r.province}, ${r.regionCode})`))}`.execute(db);
  }
}
