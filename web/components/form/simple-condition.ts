import type { JsonSchema } from './types';

type Test = (value: unknown) => boolean;

const SIMPLE = new Set([
  'type',
  'const',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'contains',
  'not',
  'properties',
  'required',
  'title',
  'description',
]);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * The conditions forms use (`if` with const / enum / ranges / required / not) as a plain function,
 * so a form does not pay for ajv code generation per section when it mounts; anything richer
 * returns undefined and is compiled by ajv. Semantics follow JSON Schema 2020-12.
 */
export function simpleTest(schema: JsonSchema | boolean): Test | undefined {
  if (typeof schema === 'boolean') return () => schema;
  if (Object.keys(schema).some((k) => !SIMPLE.has(k))) return undefined;
  const tests: Test[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    tests.push((v) => types.some((t) => t === typeOf(v) || (t === 'number' && typeOf(v) === 'integer')));
  }
  if ('const' in schema) tests.push((v) => deepEqual(v, schema.const));
  if (schema.enum) tests.push((v) => schema.enum!.some((e) => deepEqual(v, e)));
  const num = (k: string, ok: (v: number, limit: number) => boolean) => {
    const limit = schema[k];
    if (typeof limit === 'number') tests.push((v) => typeof v !== 'number' || ok(v, limit));
  };
  num('minimum', (v, l) => v >= l);
  num('maximum', (v, l) => v <= l);
  num('exclusiveMinimum', (v, l) => v > l);
  num('exclusiveMaximum', (v, l) => v < l);
  const len = (k: string, of: (v: unknown) => number | undefined, ok: (n: number, limit: number) => boolean) => {
    const limit = schema[k];
    if (typeof limit === 'number') tests.push((v) => of(v) === undefined || ok(of(v)!, limit));
  };
  const strLen = (v: unknown) => (typeof v === 'string' ? [...v].length : undefined);
  const arrLen = (v: unknown) => (Array.isArray(v) ? v.length : undefined);
  len('minLength', strLen, (n, l) => n >= l);
  len('maxLength', strLen, (n, l) => n <= l);
  len('minItems', arrLen, (n, l) => n >= l);
  len('maxItems', arrLen, (n, l) => n <= l);
  if (schema.contains !== undefined) {
    const inner = simpleTest(schema.contains as JsonSchema);
    if (!inner) return undefined;
    tests.push((v) => !Array.isArray(v) || v.some(inner));
  }
  if (schema.not !== undefined) {
    const inner = simpleTest(schema.not as JsonSchema);
    if (!inner) return undefined;
    tests.push((v) => !inner(v));
  }
  if (schema.properties) {
    const props: [string, Test][] = [];
    for (const [k, s] of Object.entries(schema.properties)) {
      const inner = simpleTest(s);
      if (!inner) return undefined;
      props.push([k, inner]);
    }
    tests.push((v) => typeOf(v) !== 'object' || props.every(([k, t]) => !(k in (v as object)) || t((v as Record<string, unknown>)[k])));
  }
  if (schema.required) {
    const required = schema.required;
    tests.push((v) => typeOf(v) !== 'object' || required.every((k) => k in (v as object)));
  }
  return (v) => tests.every((t) => t(v));
}
