import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { controlTable, type DisclosureSettings, type PublishedCell } from '../../domain/stats/disclosure-control.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface OpenDataYear {
  year: number;
  threshold: number;
  roundingBase: number;
  /** Adviezen and meldingen per region; "Nederland" is the column totals. */
  contacts: {
    rows: { code: string; name: string; adviezen: PublishedCell; meldingen: PublishedCell; totaal: PublishedCell }[];
    nederland: { adviezen: PublishedCell; meldingen: PublishedCell; totaal: PublishedCell };
  };
  /** Meldingen per type of violence and region. */
  violence: {
    types: string[];
    rows: { code: string; name: string; counts: PublishedCell[]; totaal: PublishedCell }[];
    nederland: { counts: PublishedCell[]; totaal: PublishedCell };
  };
}

/**
 * The open data of one calendar year: the only figures of Signaal that anyone may read without
 * signing in, so nothing but disclosure-controlled numbers leaves this function (rounded, small
 * cells hidden, secondary suppression against the totals). Counts by receiving region and the
 * Amsterdam year of receipt, as the annual report; one index range scan per region.
 */
export async function openDataYear(db: Executor, year: number, s: DisclosureSettings): Promise<OpenDataYear> {
  const start = sql`make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Europe/Amsterdam')`;
  const end = sql`make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Europe/Amsterdam')`;
  const regions = await db.selectFrom('region').select(['code', 'name']).orderBy('name').execute();
  const { rows } = await sql<{ code: string; kind: string; violence_type: string | null; n: number }>`
    select r.code, t.kind, t.violence_type, t.n
      from region r cross join lateral (
        select c.kind, c.violence_type, count(*)::int as n from contact c
         where c.region_code = r.code and c.received_at >= ${start} and c.received_at < ${end}
         group by 1, 2) t`.execute(db);
  const index = new Map(regions.map((r, i) => [r.code, i]));
  const kinds = regions.map(() => [0, 0]); // adviezen, meldingen
  const types = VIOLENCE_TYPES as readonly string[];
  const violence = regions.map(() => types.map(() => 0));
  for (const row of rows) {
    const i = index.get(row.code);
    if (i === undefined) continue;
    const n = Number(row.n);
    if (row.kind === 'advies') kinds[i]![0]! += n;
    else {
      kinds[i]![1]! += n;
      const t = types.indexOf(row.violence_type ?? 'onbekend');
      violence[i]![t < 0 ? types.indexOf('onbekend') : t]! += n;
    }
  }
  // A region's meldingen appear twice (a cell of the first table, the row total of the second):
  // hide it in both when either hides it, until the two agree.
  let hiddenMeldingen = new Set<number>();
  let k = controlTable(kinds, s);
  let v = controlTable(violence, s);
  for (;;) {
    const now = new Set<number>();
    regions.forEach((_, i) => (k.cells[i]![1] === null || v.rowTotals[i] === null) && now.add(i));
    if (now.size === hiddenMeldingen.size) break;
    hiddenMeldingen = now;
    k = controlTable(kinds, s, [...now].map((i) => [i, 1] as const));
    v = controlTable(violence, s, [...now].map((i) => [i, types.length] as const));
  }
  return {
    year,
    threshold: s.threshold,
    roundingBase: s.roundingBase,
    contacts: {
      rows: regions.map((r, i) => ({ code: r.code, name: r.name, adviezen: k.cells[i]![0]!, meldingen: k.cells[i]![1]!, totaal: k.rowTotals[i]! })),
      nederland: { adviezen: k.columnTotals[0]!, meldingen: k.columnTotals[1]!, totaal: k.grandTotal },
    },
    violence: {
      types: [...types],
      rows: regions.map((r, i) => ({ code: r.code, name: r.name, counts: v.cells[i]!, totaal: v.rowTotals[i]! })),
      nederland: { counts: v.columnTotals, totaal: v.grandTotal },
    },
  };
}
