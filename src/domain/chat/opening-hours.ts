import { addCalendarDays, amsterdamDate, amsterdamInstant, weekday } from '../deadlines/amsterdam-time.ts';
import { isWorkingDay } from '../deadlines/working-days.ts';

/** Weekly hours of one scope ('NL' or a region code). Times are 'HH:MM' (or 'HH:MM:SS'), Amsterdam. */
export interface WeeklyHours {
  scope: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  opens: string;
  closes: string;
}

/** A dated exception: other hours (or closed, when opens/closes are null) from date_from to date_to. */
export interface OpeningException {
  scope: string;
  dateFrom: string;
  dateTo: string;
  workingDaysOnly: boolean;
  opens: string | null;
  closes: string | null;
}

export interface Schedule {
  weekly: WeeklyHours[];
  exceptions: OpeningException[];
}

export interface Interval {
  from: Date;
  to: Date;
}

function isoWeekday(date: string): number {
  const d = weekday(date);
  return d === 0 ? 7 : d;
}

function hhmmss(time: string): string {
  return time.length === 5 ? `${time}:00` : time.slice(0, 8);
}

/**
 * The hours of one scope on one Amsterdam date. A dated exception wins over the weekly hours (the
 * latest-starting one when several overlap); on a public holiday on a weekday the weekly hours do
 * not apply, so the chat is closed unless an exception opens it.
 */
export function hoursOn(schedule: Schedule, scope: string, date: string): Interval | null {
  const exception = schedule.exceptions
    .filter((e) => e.scope === scope && e.dateFrom <= date && date <= e.dateTo && (!e.workingDaysOnly || isWorkingDay(date)))
    .sort((a, b) => (a.dateFrom < b.dateFrom ? 1 : -1))[0];
  let opens: string | null;
  let closes: string | null;
  if (exception) {
    opens = exception.opens;
    closes = exception.closes;
  } else {
    const wd = isoWeekday(date);
    const holiday = wd <= 5 && !isWorkingDay(date);
    const w = holiday ? undefined : schedule.weekly.find((h) => h.scope === scope && h.weekday === wd);
    opens = w?.opens ?? null;
    closes = w?.closes ?? null;
  }
  if (!opens || !closes) return null;
  return { from: amsterdamInstant(date, hhmmss(opens)), to: amsterdamInstant(date, hhmmss(closes)) };
}

/** The scopes that serve a visitor: the national chat, and their own region's hours if it has any. */
function scopesFor(region: string | null): string[] {
  return region ? ['NL', region] : ['NL'];
}

export interface OpeningState {
  open: boolean;
  /** When open: until when (the latest close among the scopes open now). */
  closesAt: Date | null;
  /** When closed: the next opening within two weeks, or null when none is planned. */
  nextOpening: Date | null;
}

export function openingState(schedule: Schedule, region: string | null, now: Date): OpeningState {
  const scopes = scopesFor(region);
  const today = amsterdamDate(now);
  let closesAt: Date | null = null;
  for (const scope of scopes) {
    const h = hoursOn(schedule, scope, today);
    if (h && h.from <= now && now < h.to && (!closesAt || h.to > closesAt)) closesAt = h.to;
  }
  if (closesAt) return { open: true, closesAt, nextOpening: null };
  for (let i = 0; i <= 14; i++) {
    const date = addCalendarDays(today, i);
    const starts = scopes
      .map((s) => hoursOn(schedule, s, date))
      .filter((h): h is Interval => h !== null && h.from > now)
      .map((h) => h.from)
      .sort((a, b) => a.getTime() - b.getTime());
    if (starts[0]) return { open: false, closesAt: null, nextOpening: starts[0] };
  }
  return { open: false, closesAt: null, nextOpening: null };
}
