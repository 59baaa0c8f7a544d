/**
 * Calendar arithmetic in Europe/Amsterdam, the time zone every statutory deadline and every
 * yearly figure of Veilig Thuis is reckoned in. Plain dates are 'YYYY-MM-DD' strings.
 */
export const ZONE = 'Europe/Amsterdam';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });

/** The Amsterdam calendar date of an instant. */
export function amsterdamDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Offset of Amsterdam from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant of a wall-clock time on an Amsterdam date (DST-safe: re-checks the offset). */
export function amsterdamInstant(date: string, time = '00:00:00.000'): Date {
  const naive = new Date(`${date}T${time}Z`);
  let instant = new Date(naive.getTime() - offsetMinutes(naive) * 60_000);
  instant = new Date(naive.getTime() - offsetMinutes(instant) * 60_000);
  return instant;
}

/** The last millisecond of an Amsterdam date: a deadline "on day D" holds until then. */
export function endOfAmsterdamDay(date: string): Date {
  return amsterdamInstant(date, '23:59:59.999');
}

export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday, for a plain date. */
export function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}
