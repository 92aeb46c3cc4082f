/**
 * Calendar days in a district's time zone. Figures count "today" and "this month" by the wall
 * clock where the district is, not by UTC: a case reported at 23:59 in Shanghai is that day's.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(instant: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Minutes the zone's wall clock is ahead of UTC at an instant (480 for Asia/Shanghai). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The local date 'YYYY-MM-DD' of an instant. */
export function localDay(instant: Date | string | number, timeZone: string): string {
  const p = parts(new Date(instant).getTime(), timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The first instant of a local date (its midnight, or the end of a DST gap covering it). */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - offsetMinutes(guess, timeZone) * 60_000;
  // The offset may differ at the corrected instant (a transition near midnight): correct once more.
  t = guess - offsetMinutes(t, timeZone) * 60_000;
  return new Date(t);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/**
 * The zone's offset if it never changes (no DST, as in every Chinese zone), else undefined.
 * Sampled monthly over 1990–2060, which covers every date a case can carry.
 */
export function constantOffset(timeZone: string): number | undefined {
  const first = offsetMinutes(Date.UTC(1990, 0, 15), timeZone);
  for (let y = 1990; y <= 2060; y++) {
    for (let m = 0; m < 12; m++) if (offsetMinutes(Date.UTC(y, m, 15), timeZone) !== first) return undefined;
  }
  return first;
}
