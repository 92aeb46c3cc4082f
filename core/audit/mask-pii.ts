import { canonicalJson } from './canonical-json';

export type PiiKind = 'name' | 'phone' | 'idNumber' | 'address' | 'other';

const STARS = '****';

/**
 * Chinese-style 脱敏 of one value: enough left to recognise a record (surname, last four digits,
 * district), never enough to recover it. Where the usual rule would show the whole value (a
 * one-character name, a four-digit number, a six-character address) it hides more, because a
 * clear value must never reach the audit log. Characters are counted as code points so a name with
 * a rare (astral) character is not cut in half.
 */
export function maskValue(kind: PiiKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return STARS;
  const chars = Array.from(String(value).trim());
  switch (kind) {
    case 'name':
      return chars.length <= 1 ? '*'.repeat(chars.length) : chars[0] + '*'.repeat(chars.length - 1);
    case 'phone': {
      // Separators and a leading + are not personal; only digits are hidden.
      const isDigit = (c: string) => c >= '0' && c <= '9';
      const digits = chars.filter(isDigit).length;
      const showAfter = digits > 4 ? digits - 4 : Infinity;
      let seen = 0;
      return chars.map((c) => (isDigit(c) ? (++seen > showAfter ? c : '*') : c)).join('');
    }
    case 'idNumber':
      return chars.length <= 4 ? '*'.repeat(chars.length) : '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
    case 'address': {
      const keep = chars.length > 6 ? 6 : Math.floor(chars.length / 2);
      return chars.slice(0, keep).join('') + STARS;
    }
    default:
      return STARS;
  }
}

export interface RecordDiff {
  changed: Record<string, { before?: unknown; after?: unknown }>;
}

/**
 * The fields that differ between two versions of a record (undefined before: created; undefined
 * after: deleted), compared as canonical JSON so key order and object identity do not count as
 * change. Fields named in `pii` (field → kind) carry masked values only; a field absent on one
 * side has no `before`/`after` key on that side.
 */
export function diffRecords(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  pii: Record<string, string>,
): RecordDiff {
  const changed: RecordDiff['changed'] = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const b = own(before, key);
    const a = own(after, key);
    if (sameJson(b, a)) continue;
    const kind = Object.hasOwn(pii, key) ? toKind(pii[key]) : undefined;
    const entry: { before?: unknown; after?: unknown } = {};
    if (b !== undefined) entry.before = kind && b !== null ? maskValue(kind, b) : b;
    if (a !== undefined) entry.after = kind && a !== null ? maskValue(kind, a) : a;
    changed[key] = entry;
  }
  return { changed };
}

/**
 * Equal as JSON; absent (undefined), null, strings, finite numbers and booleans settle without
 * serialising, which is most fields and most of the cost of diffing a large batch.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isScalar(a) && isScalar(b)) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function isScalar(v: unknown): boolean {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

// Own properties only: a field called "constructor" must not read Object.prototype's.
function own(record: Record<string, unknown> | undefined, key: string): unknown {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

function toKind(kind: string | undefined): PiiKind {
  return kind === 'name' || kind === 'phone' || kind === 'idNumber' || kind === 'address' ? kind : 'other';
}
