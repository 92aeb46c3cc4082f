/**
 * Wall-clock times in a named time zone (the district's, e.g. Asia/Shanghai), whatever zone the
 * browser or server process runs in. Built on Intl only: the platform's own zone database.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, date: Date) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const get = (type: string) => Number(f.formatToParts(date).find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Minutes the zone is ahead of UTC at that instant (480 for Asia/Shanghai). */
export function zoneOffsetMinutes(timeZone: string, date: Date = new Date()): number {
  const p = partsIn(timeZone, date);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The offset as ±HH:MM (an RFC 3339 time needs one). */
export function offsetText(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in the zone; '' if not a date. */
export function toZonedInput(iso: unknown, timeZone: string): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = partsIn(timeZone, d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A wall-clock `YYYY-MM-DDTHH:mm[:ss]` in the zone as a UTC ISO instant. Around a DST change the
 * offset is taken at the result, so both sides of the change come out right; undefined if malformed.
 */
export function fromZonedInput(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  let instant = wall - zoneOffsetMinutes(timeZone, new Date(wall)) * 60_000;
  instant = wall - zoneOffsetMinutes(timeZone, new Date(instant)) * 60_000;
  return new Date(instant).toISOString();
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A `format: time` value (HH:mm:ss with an offset) as HH:mm on the zone's clock today; a time
 * without offset is already wall-clock and is shown as it is.
 */
export function timeInZone(value: unknown, timeZone: string, today: Date = new Date()): string {
  if (typeof value !== 'string') return '';
  const m = TIME.exec(value);
  if (!m) return '';
  if (!m[4]) return `${m[1]}:${m[2]}`;
  const offset = m[4].toLowerCase() === 'z' ? 0 : (m[4][0] === '-' ? -1 : 1) * (Number(m[4].slice(1, 3)) * 60 + Number(m[4].slice(-2)));
  const minutes = (((+m[1] * 60 + +m[2] - offset + zoneOffsetMinutes(timeZone, today)) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** HH:mm entered on the zone's clock as an RFC 3339 time with the zone's offset today. */
export function timeWithZone(hhmm: string, timeZone: string, today: Date = new Date()): string {
  return `${hhmm.slice(0, 5)}:00${offsetText(zoneOffsetMinutes(timeZone, today))}`;
}
