/**
 * JSON text that depends only on the value, never on the order its keys were set in, so the same
 * diff always hashes the same and two equal values always compare equal. Follows JSON.stringify
 * otherwise (toJSON, undefined members dropped, non-finite numbers as null), except that a bigint
 * becomes its decimal string rather than throwing: an audit entry must not fail the write it
 * records. Hand-written rather than a JSON.stringify replacer, which copies every object and
 * costs several times as much on the append path.
 */
export function canonicalJson(value: unknown): string | undefined {
  return write(value, '');
}

function write(value: unknown, key: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object':
      return value === null ? 'null' : writeObject(value, key);
    default:
      return undefined;
  }
}

function writeObject(value: object, key: string): string | undefined {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(value, key), key);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (write(value[i], String(i)) ?? 'null');
    return out + ']';
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && (value instanceof Number || value instanceof String || value instanceof Boolean)) {
    return write(value.valueOf(), key);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const k of keys) {
    const v = write(record[k], k);
    if (v !== undefined) out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + v;
  }
  return out + '}';
}
