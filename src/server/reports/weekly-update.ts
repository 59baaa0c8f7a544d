import { sql, type Kysely, type Transaction } from 'kysely';
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
 * Counts of one ISO week (Monday 00:00 to the next Monday, Amsterdam time) per region: contacts
 * by kind and acute flag, and chats a worker took (the seeds' "serious chats"). One index range
 * scan per region (contact_region_received) through a lateral join, so the cost follows the
 * week's contacts, not the table's 3 million rows.
 */
async function weekCounts(db: Executor, w: IsoWeek): Promise<{ perRegion: Map<string, WeekFigures>; chatsWithoutRegion: number }> {
  const { from, to } = isoWeekDates(w);
  const start = sql`(${from}::date::timestamp at time zone 'Europe/Amsterdam')`;
  const end = sql`((${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`;
  const { rows } = await sql<{ code: string; meldingen: number; adviezen: number; acute: number }>`
    select r.code, t.meldingen, t.adviezen, t.acute
      from region r
      cross join lateral (
        select count(*) filter (where c.kind = 'melding')::int as meldingen,
               count(*) filter (where c.kind = 'advies')::int as adviezen,
               count(*) filter (where c.kind = 'melding' and c.acute)::int as acute
          from contact c
         where c.region_code = r.code and c.received_at >= ${start} and c.received_at < ${end}
      ) t`.execute(db);
  const chats = await sql<{ region: string | null; chats: number }>`
    select s.region_code as region, count(*)::int as chats
      from chat_session s
     where s.created_at >= ${start} and s.created_at < ${end} and s.accepted_at is not null
     group by 1`.execute(db);
  const perRegion = new Map<string, WeekFigures>(rows.map((r) => [r.code, { meldingen: Number(r.meldingen), adviezen: Number(r.adviezen), acuteMeldingen: Number(r.acute), chats: 0 }]));
  let chatsWithoutRegion = 0;
  for (const c of chats.rows) {
    const f = c.region ? perRegion.get(c.region) : undefined;
    if (f) f.chats = Number(c.chats);
    else chatsWithoutRegion += Number(c.chats);
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
