/**
 * Parses a local date-time written by a pattern of yyyy MM dd HH mm ss (e.g. "yyyy-MM-dd HH:mm:ss",
 * what Chinese government systems send) as a time in `timeZone`; undefined when it does not fit.
 */
export function parseZonedDate(text: string, pattern: string, timeZone: string): Date | undefined {
  const order: string[] = [];
  const source = pattern.replace(/yyyy|MM|dd|HH|mm|ss|[.*+?^${}()|[\]\\]/g, (tok) => {
    if (tok.length === 1) return `\\${tok}`;
    order.push(tok);
    return tok === 'yyyy' ? '(\\d{4})' : '(\\d{1,2})';
  });
  const match = new RegExp(`^${source}$`).exec(text.trim());
  if (!match) return undefined;
  const part = (tok: string, fallback: number) => {
    const i = order.indexOf(tok);
    return i < 0 ? fallback : Number(match[i + 1]);
  };
  const [y, mo, d, h, mi, s] = [part('yyyy', NaN), part('MM', 1), part('dd', 1), part('HH', 0), part('mm', 0), part('ss', 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d) return undefined;
  // The zone's offset at that instant; a second pass settles times near a DST change.
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(at: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(at / 1000) * 1000;
}
