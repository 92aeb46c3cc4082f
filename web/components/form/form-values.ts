import type { FormModel } from './form-model';
import { hasValue } from './form-model';

/** Empty inputs mean "not given": the server sees an absent property, as it would from an API client. */
export function normalizeValue(value: unknown): unknown {
  if (!hasValue(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => (item && typeof item === 'object' ? (normalizeValue(item) ?? {}) : item)).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalizeValue(v);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/**
 * What the form submits: normalized values without the fields of hidden sections. Repeats until
 * stable, since hiding one field can close a section that depended on it.
 */
export function submission(model: FormModel, values: Record<string, unknown>): Record<string, unknown> {
  const data = (normalizeValue(values) as Record<string, unknown> | undefined) ?? {};
  for (const key of Object.keys(data)) if (!model.fields.has(key)) delete data[key];
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    for (const field of model.conditional) {
      if (field.key in data && !field.conditions!.some((c) => c.test(data))) {
        delete data[field.key];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return data;
}

const ROOT_PREFIXES = ['/form', '/data', '/input/data', '/input/form'];

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Maps an issue's JSON pointer to the form field showing it: `/data/title` → `title`,
 * `/items/2/name` → `items.2.name`, `/location/lng` → `location`, `/photos/0` → `photos`;
 * undefined when no field fits (shown above the form).
 */
export function pointerToField(model: FormModel, pointer: string): string | undefined {
  let path = pointer;
  for (const prefix of ROOT_PREFIXES) {
    if (path === prefix || path.startsWith(`${prefix}/`)) {
      path = path.slice(prefix.length);
      break;
    }
  }
  const [key, index, sub] = path.split('/').slice(1).map(unescape);
  const field = key === undefined ? undefined : model.fields.get(key);
  if (!field) return undefined;
  if (field.children && index !== undefined && /^\d+$/.test(index)) {
    if (sub !== undefined && field.children.some((c) => c.key === sub)) return `${key}.${index}.${sub}`;
    return `${key}.root`;
  }
  return field.children ? `${key}.root` : key;
}
