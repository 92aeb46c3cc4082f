import { describe, expect, it } from 'vitest';
import { loadDistrict } from '../../core/config';
import { formatDateTime, formatRemaining } from './format';
import { reportSchema } from './report-schema';
import { displayValue, fieldOptions, fieldTitle, resolveSources, type ObjectSchema } from './schema-labels';

const bundle = loadDistrict('configs/xigong', 'en');
const caseDef = bundle.entities.find((e) => e.name === 'incidentCase')!;
const props = caseDef.schema.properties as Record<string, Record<string, any>>;

describe('view helpers', () => {
  it('formats remaining and overdue time in the UI language', () => {
    expect(formatRemaining(29, 'zh-CN')).toBe('剩余 29 分钟');
    expect(formatRemaining(-125, 'zh-CN')).toBe('已超时 2 小时 5 分钟');
    expect(formatRemaining(60 * 26, 'en')).toBe('1 d 2 h left');
    expect(formatRemaining(0, 'en')).toBe('0 min left');
  });

  it('shows times in the district time zone, not the server one', () => {
    expect(formatDateTime('2026-09-05T16:30:00.000Z', 'en', 'Asia/Shanghai')).toMatch(/Sep 6, 2026.*12:30/);
    expect(formatDateTime('2026-09-05T16:30:00.000Z', 'zh-CN', 'Asia/Shanghai')).toContain('2026年9月6日');
    expect(formatDateTime(null, 'en', 'Asia/Shanghai')).toBe('');
  });

  it('labels fields and values from the schema and the district config', () => {
    expect(fieldTitle(props.title, 'title', 'zh-CN')).toBe('事件标题');
    expect(fieldTitle(props.title, 'title', 'en')).toBe('Title');
    const ctx = { district: bundle.district, org: undefined as never, lang: 'en' as const, timeZone: 'Asia/Shanghai' };
    expect(displayValue(props.category, 'utilities.water', ctx)).toBe('Water supply');
    expect(displayValue(props.urgency, 'urgent', { ...ctx, lang: 'zh-CN' })).toBe('紧急');
    expect(displayValue(props.location, { lng: 112.4, lat: 34.69 }, ctx)).toBe('112.40000, 34.69000');
    expect(displayValue(props.photos, [], ctx)).toBe('');
    expect(fieldOptions(props.channel, bundle.district, undefined, 'zh-CN')?.find((o) => o.value === 'hotline12345')?.label).toBe('12345热线');
  });

  it('turns config-sourced options into an inline enum for the form, leaving other fields alone', () => {
    const resolved = resolveSources(caseDef.schema as unknown as ObjectSchema, bundle.district, undefined, 'zh-CN');
    expect(resolved.properties.category.enum).toEqual(bundle.district.categories.map((c) => c.code));
    expect(resolved.properties.category['x-enumLabels']['utilities.water']['zh-CN']).toBe('供水管网');
    expect(resolved.properties.category['x-source']).toBeUndefined();
    expect(resolved.properties.title).toBe(caseDef.schema.properties.title);
  });

  it('cuts the quick report form from the case schema: essentials plus what the entity requires, minus what the server fills', () => {
    const { schema, ui } = reportSchema(caseDef);
    expect(Object.keys(schema.properties)).toEqual(['title', 'category', 'photos', 'location', 'description']);
    expect(schema.required).toEqual(['title', 'category']);
    expect(ui.order).toEqual(['title', 'category', 'photos', 'location', 'description']);
    const strict = reportSchema({ ...caseDef, schema: { ...caseDef.schema, required: [...(caseDef.schema.required ?? []), 'address'] } });
    expect(Object.keys(strict.schema.properties)).toContain('address');
    expect(strict.schema.required).toContain('address');
    expect(strict.schema.required).not.toContain('channel');
  });
});
