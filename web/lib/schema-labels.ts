import type { DistrictConfig } from '../../core/config/types.generated';
import type { OrgDirectory } from '../../core/org';
import { localized, type UiLang } from '../i18n';
import { formatDateTime, formatTime } from './format';

type Label = { 'zh-CN': string; en?: string };
export type FieldSchema = Record<string, any>;
export type ObjectSchema = { type?: string; properties: Record<string, FieldSchema>; required?: string[]; [key: string]: unknown };

/** A field's title in the UI language (`title` is Chinese, `x-title-en` English). */
export function fieldTitle(schema: FieldSchema | undefined, field: string, lang: UiLang): string {
  if (!schema) return field;
  return (lang === 'en' && schema['x-title-en']) || schema.title || field;
}

/** The options of a field whose values come from the district config (x-source) or an enum. */
export function fieldOptions(schema: FieldSchema, district: DistrictConfig, org: OrgDirectory | undefined, lang: UiLang): { value: string; label: string }[] | undefined {
  switch (schema['x-source']) {
    case 'categories':
      return district.categories.map((c) => ({ value: c.code, label: localized(c.label, lang) }));
    case 'channels':
      return district.channels.map((c) => ({ value: c.key, label: localized(c.label, lang) }));
    case 'orgUnits':
      return org ? [...org.all()].filter((u) => u.kind !== 'grid').map((u) => ({ value: u.id, label: lang === 'en' && u.nameEn ? u.nameEn : u.name })) : undefined;
  }
  const values = schema.enum ?? schema.items?.enum;
  if (!Array.isArray(values)) return undefined;
  const labels = (schema['x-enumLabels'] ?? schema.items?.['x-enumLabels'] ?? {}) as Record<string, Label>;
  return values.map((v: unknown) => ({ value: String(v), label: labels[String(v)] ? localized(labels[String(v)], lang) : String(v) }));
}

/**
 * The schema as the form renderer gets it: options that live in the district config become an
 * inline enum with labels, so the form needs no knowledge of districts.
 */
export function resolveSources(schema: ObjectSchema, district: DistrictConfig, org: OrgDirectory | undefined, lang: UiLang): ObjectSchema {
  const properties: Record<string, FieldSchema> = {};
  for (const [field, prop] of Object.entries(schema.properties ?? {})) {
    if (!prop['x-source'] || prop['x-source'] === 'users') {
      properties[field] = prop;
      continue;
    }
    const options = fieldOptions(prop, district, org, lang) ?? [];
    const { ['x-source']: _source, ...rest } = prop;
    const labels = Object.fromEntries(options.map((o) => [o.value, { 'zh-CN': o.label, en: o.label }]));
    properties[field] =
      prop.type === 'array'
        ? { ...rest, items: { ...rest.items, enum: options.map((o) => o.value), 'x-enumLabels': labels } }
        : { ...rest, enum: options.map((o) => o.value), 'x-enumLabels': labels };
  }
  return { ...schema, properties };
}

/** A record's value as text for lists and detail pages. */
export function displayValue(schema: FieldSchema | undefined, value: unknown, ctx: { district: DistrictConfig; org: OrgDirectory; lang: UiLang; timeZone: string }): string {
  if (value === undefined || value === null || value === '') return '';
  if (!schema) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (schema.format === 'date-time' && typeof value === 'string') return formatDateTime(value, ctx.lang, ctx.timeZone);
  if (schema.format === 'time' && typeof value === 'string') return formatTime(value, ctx.timeZone);
  const options = fieldOptions(schema, ctx.district, ctx.org, ctx.lang);
  const label = (v: unknown) => options?.find((o) => o.value === String(v))?.label ?? String(v);
  if (Array.isArray(value)) return value.map(label).join('、');
  if (typeof value === 'object') {
    const { lng, lat } = value as { lng?: number; lat?: number };
    if (typeof lng === 'number' && typeof lat === 'number') return `${lng.toFixed(5)}, ${lat.toFixed(5)}`;
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'number') return new Intl.NumberFormat(ctx.lang).format(value);
  return label(value);
}
