import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { statsTotals } from '../stats/stats.repository.ts';
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
 * Amsterdam year of receipt, as the annual report, read from the figures counters.
 */
export async function openDataYear(db: Executor, year: number, s: DisclosureSettings): Promise<OpenDataYear> {
  const regions = await db.selectFrom('region').select(['code', 'name']).orderBy('name').execute();
  // From the figures counters (stats_count), by receiving region and Amsterdam year, as the annual report.
  const year_ = { grain: 'year', from: `${year}-01-01`, to: `${year}-12-31`, region: null, byRegion: true } as const;
  const totals = await statsTotals(db, { ...year_, measures: ['advies', 'melding'], dimension: 'total' });
  const byType = await statsTotals(db, { ...year_, measures: ['melding'], dimension: 'violenceType' });
  const index = new Map(regions.map((r, i) => [r.code, i]));
  const kinds = regions.map(() => [0, 0]); // adviezen, meldingen
  const types = VIOLENCE_TYPES as readonly string[];
  const violence = regions.map(() => types.map(() => 0));
  for (const row of totals) {
    const i = index.get(row.region ?? '');
    if (i !== undefined) kinds[i]![row.measure === 'advies' ? 0 : 1]! += row.n;
  }
  for (const row of byType) {
    const i = index.get(row.region ?? '');
    if (i === undefined) continue;
    const t = types.indexOf(row.value);
    violence[i]![t < 0 ? types.indexOf('onbekend') : t]! += row.n;
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
