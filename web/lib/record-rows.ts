import type { Runtime } from '../../core/runtime';
import type { UiLang } from '../i18n';
import type { FieldRow } from '../components/record-fields';
import { displayValue, fieldTitle, type FieldSchema } from './schema-labels';

/**
 * The fields of a record (or of a transition's form data) to show: UI-schema order first, then
 * the rest; only fields the reader may see and that hold a value.
 */
export function recordRows(
  runtime: Runtime,
  properties: Record<string, FieldSchema>,
  data: Record<string, unknown>,
  opts: { lang: UiLang; timeZone: string; order?: string[]; readable?: string[] },
): FieldRow[] {
  const fields = [...(opts.order ?? []).filter((f) => f in properties), ...Object.keys(properties).filter((f) => !opts.order?.includes(f))];
  const ctx = { district: runtime.bundle.district, org: runtime.org, lang: opts.lang, timeZone: opts.timeZone };
  return fields
    .filter((f) => (!opts.readable || opts.readable.includes(f)) && data[f] !== undefined && data[f] !== null && data[f] !== '')
    .map((f) => {
      const schema = properties[f];
      const photos = schema['x-widget'] === 'photo' && Array.isArray(data[f]) ? (data[f] as string[]) : undefined;
      const units = schema['x-widget'] === 'orgUnit' ? [data[f]].flat().map((u) => runtime.org.get(String(u))?.name ?? String(u)).join('、') : undefined;
      return { field: f, label: fieldTitle(schema, f, opts.lang), text: units ?? displayValue(schema, data[f], ctx), photos };
    });
}
