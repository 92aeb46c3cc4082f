import { describe, expect, it } from 'vitest';
import { compileSchema } from './schema-validator';
import { simpleTest } from './simple-condition';
import type { JsonSchema } from './types';

const conditions: JsonSchema[] = [
  { properties: { injured: { const: true } }, required: ['injured'] },
  { properties: { level: { enum: ['urgent', 'critical'] } } },
  { properties: { count: { type: 'integer', minimum: 3, exclusiveMaximum: 10 } }, required: ['count'] },
  { properties: { note: { type: 'string', minLength: 2, maxLength: 4 } } },
  { properties: { tags: { type: 'array', minItems: 1, contains: { const: 'fire' } } }, required: ['tags'] },
  { not: { properties: { kind: { const: 'other' } }, required: ['kind'] } },
  { properties: { loc: { const: { lng: 1, lat: 2 } } }, required: ['loc'] },
  { properties: { n: { type: ['number', 'null'] } } },
];
const values: Record<string, unknown>[] = [
  {},
  { injured: true },
  { injured: false },
  { injured: 'true' },
  { level: 'urgent' },
  { level: 'normal' },
  { count: 3 },
  { count: 10 },
  { count: 2.5 },
  { count: '5' },
  { note: '一' },
  { note: '一二三' },
  { note: '一二三四五' },
  { tags: [] },
  { tags: ['road', 'fire'] },
  { tags: ['road'] },
  { kind: 'other' },
  { kind: 'road' },
  { loc: { lng: 1, lat: 2 } },
  { loc: { lat: 2, lng: 1 } },
  { loc: { lng: 1 } },
  { n: null },
  { n: 1.5 },
  { n: 'x' },
];

describe('simpleTest', () => {
  it('decides every condition exactly as ajv does', () => {
    for (const condition of conditions) {
      const simple = simpleTest(condition)!;
      expect(simple, JSON.stringify(condition)).toBeTypeOf('function');
      const ajv = compileSchema({ type: 'object', ...condition });
      for (const value of values) expect(simple(value), `${JSON.stringify(condition)} on ${JSON.stringify(value)}`).toBe(ajv(value));
    }
  });

  it('leaves anything richer to ajv', () => {
    expect(simpleTest({ properties: { phone: { pattern: '^1' } } })).toBeUndefined();
    expect(simpleTest({ anyOf: [{ required: ['a'] }, { required: ['b'] }] })).toBeUndefined();
    expect(simpleTest({ not: { format: 'email' } })).toBeUndefined();
  });
});
