/** The element name of each member of a list, as the GeoReport v2 XML examples spell them. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function element(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escape(String(value))}</${name}>`;
}

/** A GeoReport document as XML: UTF-8 declaration, then `root` holding the value. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** One response in the asked format; `root` names the XML root element (JSON has none). */
export function open311Response(format: Format, root: string, value: unknown, status = 200): Response {
  const body = format === 'json' ? JSON.stringify(value) : toXml(root, value);
  return new Response(body, { status, headers: { 'content-type': CONTENT_TYPES[format] } });
}

/** Errors as the spec shows them: [{code, description}] / <errors><error>…. */
export function open311Errors(format: Format, status: number, descriptions: string[]): Response {
  return open311Response(format, 'errors', descriptions.map((description) => ({ code: status, description })), status);
}
