import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  acuteShare,
  changeNote,
  formatIsoWeek,
  isoWeekDates,
  notableChanges,
  sameWeekLastYear,
  type IsoWeek,
  type RegionWeek,
  type WeekFigures,
} from '../../domain/stats/weekly-update.ts';
import { statsTotals } from '../stats/stats.repository.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface WeeklyRegionRow extends RegionWeek {
  acuteShare: { thisWeek: number | null; lastYear: number | null };
}

export interface WeeklyUpdate {
  week: string;
  from: string;
  to: string;
  lastYearWeek: string;
  lastYearFrom: string;
  lastYearTo: string;
  regions: WeeklyRegionRow[];
  /** Chats of visitors who gave no municipality (the national chat): in the national total only. */
  chatsWithoutRegion: { thisWeek: number; lastYear: number };
  national: { thisWeek: WeekFigures; lastYear: WeekFigures; acuteShare: { thisWeek: number | null; lastYear: number | null } };
  notes: string[];
}

const ZERO: WeekFigures = { meldingen: 0, adviezen: 0, acuteMeldingen: 0, chats: 0 };

/**
 * Counts of one ISO week per region, from the figures counters (stats_count, migration 0016):
 * contacts by kind, acute meldingen (the intake flag) and chats a worker took (the seeds'
 * "serious chats"; chats without a region are 'landelijk'). A few index lookups per week, whatever
 * the number of records.
 */
async function weekCounts(db: Executor, w: IsoWeek): Promise<{ perRegion: Map<string, WeekFigures>; chatsWithoutRegion: number }> {
  const { from } = isoWeekDates(w);
  // Periods starting on this Monday: exactly this ISO week.
  const week = { grain: 'week', from, to: from, region: null, byRegion: true } as const;
  const contacts = await statsTotals(db, { ...week, measures: ['advies', 'melding'], dimension: 'total' });
  const acute = await statsTotals(db, { ...week, measures: ['melding'], dimension: 'acute' });
  const chats = await statsTotals(db, { ...week, measures: ['chat'], dimension: 'result' });
  const perRegion = new Map<string, WeekFigures>();
  const at = (region: string) => {
    let f = perRegion.get(region);
    if (!f) perRegion.set(region, (f = { ...ZERO }));
    return f;
  };
  let chatsWithoutRegion = 0;
  for (const r of contacts) if (r.region) at(r.region)[r.measure === 'melding' ? 'meldingen' : 'adviezen'] += r.n;
  for (const r of acute) if (r.region && r.value === 'ja') at(r.region).acuteMeldingen += r.n;
  for (const r of chats) {
    if (r.value !== 'bediend' || !r.region) continue;
    if (r.region === 'landelijk') chatsWithoutRegion += r.n;
    else at(r.region).chats += r.n;
  }
  return { perRegion, chatsWithoutRegion };
}

/** The weekly national update of one ISO week against the same ISO week a year earlier. */
export async function weeklyUpdate(db: Executor, week: IsoWeek): Promise<WeeklyUpdate> {
  const before = sameWeekLastYear(week);
  const regions = await db.selectFrom('region').select(['code', 'name']).orderBy('name').execute();
  const now = await weekCounts(db, week);
  const then = await weekCounts(db, before);
  const rows: WeeklyRegionRow[] = regions.map((r) => {
    const thisWeek = now.perRegion.get(r.code) ?? ZERO;
    const lastYear = then.perRegion.get(r.code) ?? ZERO;
    return { code: r.code, name: r.name, thisWeek, lastYear, acuteShare: { thisWeek: acuteShare(thisWeek), lastYear: acuteShare(lastYear) } };
  });
  const total = (pick: (r: WeeklyRegionRow) => WeekFigures, extraChats: number): WeekFigures =>
    rows.map(pick).reduce(
      (a, f) => ({ meldingen: a.meldingen + f.meldingen, adviezen: a.adviezen + f.adviezen, acuteMeldingen: a.acuteMeldingen + f.acuteMeldingen, chats: a.chats + f.chats }),
      { ...ZERO, chats: extraChats },
    );
  const nationalNow = total((r) => r.thisWeek, now.chatsWithoutRegion);
  const nationalThen = total((r) => r.lastYear, then.chatsWithoutRegion);
  // Chats without a region count nationally, and may be notable on their own.
  const notes = notableChanges([
    ...rows,
    { code: 'landelijk', name: 'Landelijke chat zonder regio', thisWeek: { ...ZERO, chats: now.chatsWithoutRegion }, lastYear: { ...ZERO, chats: then.chatsWithoutRegion } },
  ]);
  const { from, to } = isoWeekDates(week);
  const last = isoWeekDates(before);
  return {
    week: formatIsoWeek(week),
    from,
    to,
    lastYearWeek: formatIsoWeek(before),
    lastYearFrom: last.from,
    lastYearTo: last.to,
    regions: rows,
    chatsWithoutRegion: { thisWeek: now.chatsWithoutRegion, lastYear: then.chatsWithoutRegion },
    national: { thisWeek: nationalNow, lastYear: nationalThen, acuteShare: { thisWeek: acuteShare(nationalNow), lastYear: acuteShare(nationalThen) } },
    notes: notes.map(changeNote),
  };
}
