import type { GridworkDialect } from '../db';
import { constantOffset, offsetMinutes } from './local-days';

/** SQL expressions the roll-up triggers and queries need, per dialect. */
export interface RollupSql {
  /** The local date 'YYYY-MM-DD' of an ISO-8601 text column/expression. */
  day(expr: string): string;
  /** Minutes between two ISO-8601 text expressions (fractional). */
  minutesBetween(from: string, to: string): string;
  /** The first path segment after a prefix of the given length: the child unit a row falls under. */
  childSegment(column: string, prefixLength: number): string;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function rollupSql(dialect: GridworkDialect, timeZone: string): RollupSql {
  if (dialect.name === 'postgres') {
    return {
      day: (e) => `to_char((${e})::timestamptz at time zone ${quote(timeZone)}, 'YYYY-MM-DD')`,
      minutesBetween: (a, b) => `(extract(epoch from ((${b})::timestamptz - (${a})::timestamptz)) / 60.0)`,
      childSegment: (c, n) => `split_part(substr(${c}, ${n + 1}), '/', 1)`,
    };
  }
  // SQLite knows no named zones. Every district's zone (Asia/*) has had one offset since 1991,
  // so a fixed modifier is exact; a zone with DST falls back to its January (standard) offset.
  const offset = constantOffset(timeZone) ?? offsetMinutes(Date.UTC(2026, 0, 15), timeZone);
  return {
    day: (e) => `strftime('%Y-%m-%d', ${e}, '${offset >= 0 ? '+' : ''}${offset} minutes')`,
    minutesBetween: (a, b) => `((julianday(${b}) - julianday(${a})) * 1440.0)`,
    childSegment: (c, n) => `substr(${c}, ${n + 1}, instr(substr(${c}, ${n + 1}), '/') - 1)`,
  };
}

export { quote as sqlString };
