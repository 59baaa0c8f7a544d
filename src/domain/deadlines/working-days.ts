import Holidays from 'date-holidays';
import { addCalendarDays, amsterdamDate, endOfAmsterdamDay, weekday } from './amsterdam-time.ts';

/**
 * Which days count as working days for statutory deadlines: not Saturday or Sunday, and not a
 * Dutch public holiday (New Year, Easter Monday, King's Day, Ascension, Whit Monday, Christmas,
 * Boxing Day; Easter and Whit Sunday fall on Sundays anyway). Good Friday and Liberation Day are
 * days off only by collective agreement, so they follow configuration (DOMAIN.md).
 */
export interface WorkingDayRules {
  goodFriday: boolean;
  /** 'every-year', 'lustrum' (only in years divisible by 5, as many agreements say) or 'never'. */
  liberationDay: 'every-year' | 'lustrum' | 'never';
}

export const DEFAULT_RULES: WorkingDayRules = { goodFriday: false, liberationDay: 'lustrum' };

const holidays = new Holidays('NL');
const cache = new Map<string, Set<string>>();

function holidayDates(year: number, rules: WorkingDayRules): Set<string> {
  const key = `${year}:${rules.goodFriday}:${rules.liberationDay}`;
  let set = cache.get(key);
  if (set) return set;
  set = new Set<string>();
  for (const h of holidays.getHolidays(year)) {
    const date = h.date.slice(0, 10);
    if (h.type === 'public') set.add(date);
    else if (h.rule === 'easter -2' && rules.goodFriday) set.add(date);
    else if (h.rule === '05-05' && (rules.liberationDay === 'every-year' || (rules.liberationDay === 'lustrum' && year % 5 === 0))) set.add(date);
  }
  cache.set(key, set);
  return set;
}

export function isWorkingDay(date: string, rules: WorkingDayRules = DEFAULT_RULES): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !holidayDates(Number(date.slice(0, 4)), rules).has(date);
}

/** The plain date n working days after `date` (the day itself is day 0, whatever kind it is). */
export function addWorkingDays(date: string, n: number, rules: WorkingDayRules = DEFAULT_RULES): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, rules)) left--;
  }
  return d;
}

/** Working days from the day after `from` up to and including `to` (0 when to <= from). */
export function workingDaysBetween(from: string, to: string, rules: WorkingDayRules = DEFAULT_RULES): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d, rules)) n++;
  return n;
}

/** Deadline instant: the end of the n-th working day after the Amsterdam date of `start`. */
export function workingDayDeadline(start: Date, n: number, rules: WorkingDayRules = DEFAULT_RULES): Date {
  return endOfAmsterdamDay(addWorkingDays(amsterdamDate(start), n, rules));
}

/** Deadline instant: the end of the Amsterdam date `days` calendar days after `start`. */
export function calendarDeadline(start: Date, days: number): Date {
  return endOfAmsterdamDay(addCalendarDays(amsterdamDate(start), days));
}
