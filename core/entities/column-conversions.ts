import type { ColumnType } from './field-columns';

/**
 * Explicit conversions for a field whose storage type changes. Each maps one stored value to the
 * new type, or to `undefined` when the value cannot be converted (the row is counted as failed and
 * keeps its original value in the retired column).
 */
const CONVERSIONS: Record<string, { applies(from: ColumnType, to: ColumnType): boolean; convert(value: unknown, from: ColumnType, to: ColumnType): unknown }> = {
  toText: {
    applies: (from, to) => to === 'text' && from !== 'text',
    convert: (v, from) => (from === 'boolean' ? (Number(v) ? 'true' : 'false') : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)),
  },
  parseNumber: {
    applies: (from, to) => from === 'text' && (to === 'real' || to === 'integer'),
    convert: (v, _from, to) => {
      const s = String(v).trim();
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
      const n = Number(s);
      if (!Number.isFinite(n) || (to === 'integer' && !Number.isInteger(n))) return undefined;
      return n;
    },
  },
  toNumber: {
    applies: (from, to) => from === 'integer' && to === 'real',
    convert: (v) => Number(v),
  },
  round: {
    applies: (from, to) => from === 'real' && to === 'integer',
    convert: (v) => Math.round(Number(v)),
  },
};

/** The conversions offered for a change of storage type (none: the change is refused). */
export function conversionsFor(from: ColumnType, to: ColumnType): string[] {
  return Object.entries(CONVERSIONS)
    .filter(([, c]) => c.applies(from, to))
    .map(([name]) => name);
}

export function convertValue(conversion: string, value: unknown, from: ColumnType, to: ColumnType): unknown {
  const c = CONVERSIONS[conversion];
  if (!c || !c.applies(from, to)) throw new Error(`conversion ${conversion} does not apply to ${from} → ${to}`);
  return c.convert(value, from, to);
}
