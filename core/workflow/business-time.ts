/**
 * SLA clocks: calendar time, or working time on a district's work calendar in its own time zone.
 *
 * Working time is the union, over working dates D, of the periods [open(D), close(D)), where
 * open(D) is the first instant at which the zone's wall clock on date D reads `start` or later,
 * and close(D) likewise for `end`. "First instant ... or later" is what makes DST well defined:
 * a boundary inside a spring-forward gap resolves to the transition itself (the clocks jump past
 * it), and one inside a fall-back overlap resolves to its first occurrence.
 */

export interface WorkCalendar {
  timeZone: string; // IANA, e.g. 'Asia/Shanghai'
  days: number[]; // ISO weekdays that are working days, 1 = Monday … 7 = Sunday
  start: string; // 'HH:MM' local start of the working day, e.g. '08:30'
  end: string; // 'HH:MM' local end, e.g. '17:30' (end > start); '24:00' means midnight at the end of the day
  holidays?: string[]; // local dates 'YYYY-MM-DD' that are NOT working days even if weekday
  workdays?: string[]; // local dates 'YYYY-MM-DD' that ARE working days even on a weekend (调休)
}

export type ClockTime = 'calendar' | 'working';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The instant at which `minutes` of (calendar | working) time have elapsed after `start`: the
 * earliest t ≥ start with exactly `minutes` of counted time in [start, t). Hence a deadline that
 * lands on the close of a working day stays on that day, and 0 minutes returns `start` itself.
 */
export function addClockMinutes(start: Date, minutes: number, time: ClockTime, calendar?: WorkCalendar): Date {
  const from = checkDate(start, 'start');
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new Error(`addClockMinutes: minutes must be a finite number >= 0, got ${String(minutes)}`);
  }
  if (checkTime(time) === 'calendar') return new Date(from + Math.round(minutes * MINUTE));
  const cal = compileCalendar(calendar);
  let remaining = Math.round(minutes * MINUTE);
  if (remaining === 0) return new Date(from);

  // No earlier date's period can still be open at `from`: each closes no later than the first
  // instant the clocks reach the following midnight, and `from` is already on or past it.
  let day: number | null = nextWorkingDay(cal, localDayNumber(cal.timeZone, from));
  while (day !== null) {
    const [open, close] = workingPeriod(cal, day);
    const t = Math.max(from, open);
    if (t < close) {
      const available = close - t;
      if (remaining <= available) return new Date(t + remaining);
      remaining -= available;
    }
    day = nextWorkingDay(cal, day + 1);
  }
  throw new Error(
    `addClockMinutes: work calendar (${cal.timeZone}) has no working days left after ${start.toISOString()}; ` +
      `cannot count ${minutes} working minutes`,
  );
}

/** Minutes of (calendar | working) time between a and b (negative if b < a), fractional allowed. */
export function clockMinutesBetween(a: Date, b: Date, time: ClockTime, calendar?: WorkCalendar): number {
  const from = checkDate(a, 'a');
  const to = checkDate(b, 'b');
  if (checkTime(time) === 'calendar') return (to - from) / MINUTE;
  const cal = compileCalendar(calendar);
  if (to < from) return -workingMsBetween(cal, to, from) / MINUTE;
  return workingMsBetween(cal, from, to) / MINUTE;
}

function workingMsBetween(cal: CompiledCalendar, from: number, to: number): number {
  let total = 0;
  let day: number | null = nextWorkingDay(cal, localDayNumber(cal.timeZone, from));
  while (day !== null) {
    const [open, close] = workingPeriod(cal, day);
    if (open >= to) break;
    total += Math.max(0, Math.min(close, to) - Math.max(open, from));
    day = nextWorkingDay(cal, day + 1);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Calendar validation

interface CompiledCalendar {
  timeZone: string;
  weekdays: boolean[]; // index = ISO weekday
  anyWeekday: boolean;
  startMin: number;
  endMin: number;
  holidays: Set<number>; // day numbers (days since 1970-01-01 of the local date)
  workdays: Set<number>;
  /** Workdays that are not also holidays, ascending: the only working days when `days` is empty. */
  sortedWorkdays: number[];
}

function compileCalendar(calendar: WorkCalendar | undefined): CompiledCalendar {
  if (calendar === undefined || calendar === null) {
    throw new Error("working time needs a WorkCalendar: pass one, or use 'calendar' time");
  }
  const { timeZone } = calendar;
  if (typeof timeZone !== 'string' || timeZone === '') throw new Error('WorkCalendar.timeZone must be an IANA time zone name');
  formatterFor(timeZone); // throws a clear error for an unknown zone

  if (!Array.isArray(calendar.days)) throw new Error('WorkCalendar.days must be an array of ISO weekdays 1..7');
  const weekdays = new Array<boolean>(8).fill(false);
  for (const d of calendar.days) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      throw new Error(`WorkCalendar.days: ${String(d)} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
    }
    weekdays[d] = true;
  }

  const startMin = parseHHMM(calendar.start, 'start', false);
  const endMin = parseHHMM(calendar.end, 'end', true);
  if (endMin <= startMin) {
    throw new Error(`WorkCalendar: end (${calendar.end}) must be after start (${calendar.start}); overnight shifts are not supported`);
  }

  const holidays = parseDates(calendar.holidays, 'holidays');
  const workdays = parseDates(calendar.workdays, 'workdays');
  // Holidays win over 调休 workdays: the rule is (days ∪ workdays) minus holidays.
  const sortedWorkdays = [...workdays].filter((d) => !holidays.has(d)).sort((x, y) => x - y);
  return { timeZone, weekdays, anyWeekday: weekdays.some(Boolean), startMin, endMin, holidays, workdays, sortedWorkdays };
}

function parseHHMM(value: unknown, field: 'start' | 'end', allow24: boolean): number {
  const m = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  if (allow24 && value === '24:00') return 24 * 60;
  throw new Error(`WorkCalendar.${field} must be a local time 'HH:MM' (00:00–23:59${allow24 ? ' or 24:00' : ''}), got ${JSON.stringify(value)}`);
}

function parseDates(values: unknown, field: 'holidays' | 'workdays'): Set<number> {
  const out = new Set<number>();
  if (values === undefined) return out;
  if (!Array.isArray(values)) throw new Error(`WorkCalendar.${field} must be an array of 'YYYY-MM-DD' dates`);
  for (const v of values) {
    const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
    const day = m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
    // Round-tripping rejects dates such as 2026-02-30 that Date.UTC would silently roll over.
    if (!m || formatDayNumber(day) !== v) {
      throw new Error(`WorkCalendar.${field}: ${JSON.stringify(v)} is not a valid date 'YYYY-MM-DD'`);
    }
    out.add(day);
  }
  return out;
}

function checkDate(d: unknown, name: string): number {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new Error(`${name} must be a valid Date`);
  return d.getTime();
}

function checkTime(time: unknown): ClockTime {
  if (time !== 'calendar' && time !== 'working') {
    throw new Error(`clock time must be 'calendar' or 'working', got ${JSON.stringify(time)}`);
  }
  return time;
}

// ---------------------------------------------------------------------------------------------
// Working days

function isWorkingDay(cal: CompiledCalendar, day: number): boolean {
  if (cal.holidays.has(day)) return false;
  return cal.weekdays[isoWeekday(day)] || cal.workdays.has(day);
}

/** The first working day number >= `from`, or null when the calendar has none left. */
function nextWorkingDay(cal: CompiledCalendar, from: number): number | null {
  if (!cal.anyWeekday) {
    // Only the explicit workdays remain; binary search instead of scanning an unbounded future.
    const list = cal.sortedWorkdays;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list[lo] : null;
  }
  // Within n weeks at least n dates fall on a working weekday, and each one that is skipped
  // must be a holiday, so a working day turns up within 7 * (holidays + 1) dates.
  const limit = from + 7 * (cal.holidays.size + 1);
  for (let day = from; day <= limit; day++) if (isWorkingDay(cal, day)) return day;
  throw new Error('work calendar: no working day found (internal bound exceeded)');
}

/** [open, close) of a working day as epoch milliseconds; zero length if DST swallows it. */
function workingPeriod(cal: CompiledCalendar, day: number): [number, number] {
  const open = firstInstantAtOrAfter(cal.timeZone, day * DAY + cal.startMin * MINUTE);
  const close = firstInstantAtOrAfter(cal.timeZone, day * DAY + cal.endMin * MINUTE);
  return [open, Math.max(open, close)];
}

// ---------------------------------------------------------------------------------------------
// Wall clock ↔ UTC. "Wall" values are local date-times encoded as if they were UTC epoch ms.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`WorkCalendar.timeZone: unknown IANA time zone ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local wall-clock time at instant t, to the second (Intl does not format milliseconds). */
function wallAt(timeZone: string, t: number): number {
  const fields: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(t))) fields[p.type] = p.value;
  let year = Number(fields.year);
  if (fields.era === 'BC' || fields.era === 'B') year = 1 - year;
  // Some engines still print midnight as 24 even with h23.
  const hour = Number(fields.hour) % 24;
  return utcMs(year, Number(fields.month), Number(fields.day), hour, Number(fields.minute), Number(fields.second));
}

/** UTC offset (ms) in force at instant t. */
function offsetAt(timeZone: string, t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  return wallAt(timeZone, whole) - whole;
}

function localDayNumber(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY);
}

const resolved = new Map<string, number>();
const RESOLVED_LIMIT = 20_000;

/**
 * The first instant at which the zone's clocks read `wall` or later. Offsets are sampled around
 * `wall` (every real offset lies within UTC-12..UTC+14), which assumes at most one transition
 * in that ~28 h window; the tz database has no zone with two.
 */
function firstInstantAtOrAfter(timeZone: string, wall: number): number {
  // Deadlines are recomputed for many tickets on the same few days, so remember boundaries.
  const key = `${timeZone}\u0000${wall}`;
  const hit = resolved.get(key);
  if (hit !== undefined) return hit;

  const before = offsetAt(timeZone, wall - 15 * 3_600_000);
  const after = offsetAt(timeZone, wall + 13 * 3_600_000);
  let result: number | undefined;
  for (const o of before === after ? [before] : [before, after]) {
    const t = wall - o;
    if (offsetAt(timeZone, t) === o && (result === undefined || t < result)) result = t;
  }
  if (result === undefined) {
    // `wall` lies in a spring-forward gap: binary-search the transition second, where the local
    // time first jumps past `wall`.
    let lo = Math.floor((wall - Math.max(before, after)) / 1000); // local time < wall here
    let hi = Math.ceil((wall - Math.min(before, after)) / 1000); // local time > wall here
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (wallAt(timeZone, mid * 1000) >= wall) hi = mid;
      else lo = mid;
    }
    result = hi * 1000;
  }

  if (resolved.size >= RESOLVED_LIMIT) resolved.clear();
  resolved.set(key, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Date arithmetic on day numbers (days since 1970-01-01)

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(utcMs(year, month, day) / DAY);
}

function formatDayNumber(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
