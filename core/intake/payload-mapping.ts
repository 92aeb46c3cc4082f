import { parsePointer, readPointer, writePointer, type ChannelMapping, type MappingRule } from '../config';
import type { ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import { parseZonedDate } from './zoned-date';

export interface MappedPayload {
  data: Record<string, unknown>;
  /** Case field pointer → the payload pointer it came from, to name the sender's field in errors. */
  sources: Map<string, string>;
  issues: ErrorIssue[];
}

/**
 * Applies a channel's declarative mapping to a payload. Without a mapping the payload is the case
 * data itself. Each problem is an issue whose path is the payload pointer the sender can fix.
 */
export function mapPayload(payload: Record<string, unknown>, mapping: ChannelMapping | undefined, options: { channel: string; timeZone: string; lang: Lang }): MappedPayload {
  const sources = new Map<string, string>();
  const issues: ErrorIssue[] = [];
  if (!mapping) return { data: { ...payload, channel: options.channel }, sources, issues };
  const data: Record<string, unknown> = {};
  const zone = mapping.timeZone ?? options.timeZone;
  for (const [target, rule] of Object.entries(mapping.fields)) {
    if (rule.from !== undefined) sources.set(target, rule.from);
    const value = ruleValue(payload, rule, zone, options.lang, issues);
    if (value !== undefined && value !== null) writePointer(data, parsePointer(target)!, value);
  }
  data.channel = options.channel;
  return { data, sources, issues };
}

function ruleValue(payload: Record<string, unknown>, rule: MappingRule, zone: string, lang: Lang, issues: ErrorIssue[]): unknown {
  if (rule.from === undefined) return rule.const;
  const path = rule.from;
  const issue = (key: Parameters<typeof t>[1], params: Record<string, string> = {}, code = key.split('.')[1]) => {
    issues.push({ path, message: t(lang, key, { path, ...params }), code });
    return undefined;
  };
  let value = readPointer(payload, parsePointer(path) ?? []);
  if (value === undefined || value === null || value === '') {
    if (rule.default !== undefined) return rule.default;
    return rule.required ? issue('intake.missingValue') : undefined;
  }
  if (rule.map) {
    const key = String(value);
    if (Object.prototype.hasOwnProperty.call(rule.map, key)) value = rule.map[key];
    else if (rule.default !== undefined) return rule.default;
    else return issue('intake.noMapEntry', { value: key });
  }
  switch (rule.as) {
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : issue('intake.notNumber');
    }
    case 'string':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : issue('intake.notString');
    case 'date': {
      const format = rule.dateFormat ?? 'iso';
      const date = toDate(value, format, zone);
      return date ? date.toISOString() : issue('intake.badDate', { format });
    }
    default:
      return value;
  }
}

function toDate(value: unknown, format: string, zone: string): Date | undefined {
  let date: Date | undefined;
  if (format === 'epochSeconds' || format === 'epochMillis') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    date = new Date(format === 'epochSeconds' ? n * 1000 : n);
  } else if (format === 'iso') {
    // An offset or Z is required: a bare local time would be read in the server's zone.
    date = typeof value === 'string' && /(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : undefined;
  } else if (typeof value === 'string') {
    date = parseZonedDate(value, format, zone);
  }
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
