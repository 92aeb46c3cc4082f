import { escapePointerSegment } from '../config';

export interface PointerChange {
  pointer: string;
  op: 'add' | 'remove' | 'replace';
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Changes between two JSON values as JSON pointers, objects compared key by key and arrays
 * index by index; stops after `limit` changes (`truncated` says so).
 */
export function jsonChanges(before: unknown, after: unknown, limit = 200): { changes: PointerChange[]; truncated: boolean } {
  const changes: PointerChange[] = [];
  let truncated = false;
  const walk = (a: unknown, b: unknown, pointer: string) => {
    if (changes.length >= limit) {
      truncated = true;
      return;
    }
    if (a === b) return;
    if (a === undefined) return push({ pointer, op: 'add', after: b });
    if (b === undefined) return push({ pointer, op: 'remove', before: a });
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        const p = `${pointer}/${escapePointerSegment(key)}`;
        if (!(key in b)) push({ pointer: p, op: 'remove', before: a[key] });
        else walk(a[key], b[key], p);
      }
      for (const key of Object.keys(b)) if (!(key in a)) push({ pointer: `${pointer}/${escapePointerSegment(key)}`, op: 'add', after: b[key] });
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) walk(a[i], b[i], `${pointer}/${i}`);
      for (let i = n; i < a.length; i++) push({ pointer: `${pointer}/${i}`, op: 'remove', before: a[i] });
      for (let i = n; i < b.length; i++) push({ pointer: `${pointer}/${i}`, op: 'add', after: b[i] });
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) push({ pointer, op: 'replace', before: a, after: b });
  };
  const push = (c: PointerChange) => {
    if (changes.length >= limit) truncated = true;
    else changes.push(c);
  };
  walk(before, after, '');
  return { changes, truncated };
}

/**
 * A grids file's change in a few lines: which features (by id) were added, removed or changed,
 * without dumping polygons.
 */
export function gridChanges(before: unknown, after: unknown, limit = 200): PointerChange[] {
  const byId = (doc: unknown) => {
    const m = new Map<string, { i: number; f: unknown }>();
    const features = (doc as { features?: unknown[] } | undefined)?.features;
    (Array.isArray(features) ? features : []).forEach((f, i) => {
      const id = (f as { properties?: { id?: unknown } })?.properties?.id;
      if (typeof id === 'string') m.set(id, { i, f });
    });
    return m;
  };
  const a = byId(before);
  const b = byId(after);
  const out: PointerChange[] = [];
  for (const [id, { i, f }] of a) {
    if (out.length >= limit) break;
    const other = b.get(id);
    if (!other) out.push({ pointer: `/features/${i}`, op: 'remove', before: { id } });
    else if (JSON.stringify(other.f) !== JSON.stringify(f)) out.push({ pointer: `/features/${other.i}`, op: 'replace', before: { id }, after: { id } });
  }
  for (const [id, { i }] of b) {
    if (out.length >= limit) break;
    if (!a.has(id)) out.push({ pointer: `/features/${i}`, op: 'add', after: { id } });
  }
  return out;
}
