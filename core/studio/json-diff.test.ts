import { describe, expect, it } from 'vitest';
import { gridChanges, jsonChanges } from './json-diff';

describe('config diff as JSON pointers', () => {
  it('names added, removed and replaced values, escaping keys', () => {
    const before = { label: { en: 'Case' }, schema: { properties: { a: { type: 'string' }, 'x/y': 1 } }, required: ['a'] };
    const after = { label: { en: 'Incident' }, schema: { properties: { b: { type: 'number' }, 'x/y': 2 } }, required: ['a', 'b'] };
    expect(jsonChanges(before, after)).toEqual({
      truncated: false,
      changes: [
        { pointer: '/label/en', op: 'replace', before: 'Case', after: 'Incident' },
        { pointer: '/schema/properties/a', op: 'remove', before: { type: 'string' } },
        { pointer: '/schema/properties/x~1y', op: 'replace', before: 1, after: 2 },
        { pointer: '/schema/properties/b', op: 'add', after: { type: 'number' } },
        { pointer: '/required/1', op: 'add', after: 'b' },
      ],
    });
  });

  it('treats a whole new or removed file as one change at the root', () => {
    expect(jsonChanges(undefined, { a: 1 }).changes).toEqual([{ pointer: '', op: 'add', after: { a: 1 } }]);
    expect(jsonChanges({ a: 1 }, undefined).changes).toEqual([{ pointer: '', op: 'remove', before: { a: 1 } }]);
  });

  it('stops at the cap and says so', () => {
    const before = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i + 1]));
    const { changes, truncated } = jsonChanges(before, after, 10);
    expect(changes).toHaveLength(10);
    expect(truncated).toBe(true);
  });

  it('summarises grids by feature id without polygons', () => {
    const feature = (id: string, x: number) => ({ type: 'Feature', properties: { id }, geometry: { type: 'Polygon', coordinates: [[[x, 0], [x, 1], [x + 1, 1], [x, 0]]] } });
    const before = { type: 'FeatureCollection', features: [feature('g1', 0), feature('g2', 1), feature('g3', 2)] };
    const after = { type: 'FeatureCollection', features: [feature('g1', 0), feature('g3', 5), feature('g4', 9)] };
    expect(gridChanges(before, after)).toEqual([
      { pointer: '/features/1', op: 'remove', before: { id: 'g2' } },
      { pointer: '/features/1', op: 'replace', before: { id: 'g3' }, after: { id: 'g3' } },
      { pointer: '/features/2', op: 'add', after: { id: 'g4' } },
    ]);
  });
});
