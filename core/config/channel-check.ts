import type { ErrorIssue } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import { escapePointerSegment, parsePointer } from './json-pointer';
import type { Channel, DistrictConfig, EntityDefinition, WorkflowDefinition } from './types.generated';

/** The entity channels create records of: the one whose schema has a field sourced from channels. */
export function channelEntity<T extends { schema: EntityDefinition['schema'] }>(entities: T[]): T | undefined {
  return entities.find((e) => Object.values(e.schema.properties).some((f) => (f as Record<string, unknown>)['x-source'] === 'channels'));
}

const DATE_FORMATS = new Set(['iso', 'epochSeconds', 'epochMillis']);
/** A date pattern: the tokens yyyy MM dd HH mm ss, each at most once, and separators. */
export const DATE_PATTERN = /^(?:yyyy|MM|dd|HH|mm|ss|[^A-Za-z])+$/;

interface ChannelCheckInput {
  lang: Lang;
  district: Pick<DistrictConfig, 'categories' | 'timeZone'>;
  entities: EntityDefinition[];
  workflows: WorkflowDefinition[];
}

/**
 * What JSON Schema cannot say about channels: mapping targets are real case fields, constants and
 * value maps give values the field accepts (category codes, enum members), date formats parse,
 * outbound legs fire on real workflow states, at most one Open311 channel. `base` is the JSON
 * pointer of the channel list (/channels in district.json); issues carry no file.
 */
export function checkChannels(channels: Channel[], input: ChannelCheckInput, base = '/channels'): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const add = (path: string, key: MessageKey, params: Record<string, string | number> = {}) =>
    issues.push({ path, message: t(input.lang, key, params), code: key.split('.')[1] });
  const entity = channelEntity(input.entities);
  const workflow = entity && input.workflows.find((w) => w.name === entity.workflow);
  const states = new Set(workflow?.states.map((s) => s.key) ?? []);
  const categories = new Set(input.district.categories.map((c) => c.code));
  const open311 = channels.filter((c) => c.protocol === 'open311');
  if (open311.length > 1) add(`${base}/${channels.indexOf(open311[1])}/protocol`, 'config.open311Count');

  channels.forEach((channel, i) => {
    const at = `${base}/${i}`;
    if (channel.kind === 'internal' && (channel.mapping || channel.protocol || channel.outbound))
      add(at, 'config.internalChannelEndpoint', { key: channel.key });
    if (channel.mapping?.timeZone && !validZone(channel.mapping.timeZone)) add(`${at}/mapping/timeZone`, 'config.timeZone', { zone: channel.mapping.timeZone });
    for (const [target, rule] of Object.entries(channel.mapping?.fields ?? {})) {
      const rp = `${at}/mapping/fields/${escapePointerSegment(target)}`;
      if ((rule.from === undefined) === (rule.const === undefined)) add(rp, 'config.mappingRule');
      if (rule.from !== undefined && !parsePointer(rule.from)) add(`${rp}/from`, 'config.mappingPath', { path: rule.from });
      if (rule.dateFormat !== undefined && (rule.as !== 'date' || !(DATE_FORMATS.has(rule.dateFormat) || DATE_PATTERN.test(rule.dateFormat))))
        add(`${rp}/dateFormat`, 'config.mappingDateFormat', { format: rule.dateFormat });
      if (!entity) continue;
      const field = targetSchema(entity, parsePointer(target) ?? []);
      if (!field || target === '/channel') {
        add(rp, 'config.mappingTarget', { entity: entity.name, key: target });
        continue;
      }
      const allowed = target === '/category' ? categories : Array.isArray(field.enum) ? new Set(field.enum as unknown[]) : undefined;
      if (!allowed) continue;
      const values: [string, unknown][] = [];
      if (rule.const !== undefined) values.push(['const', rule.const]);
      if (rule.default !== undefined) values.push(['default', rule.default]);
      for (const [k, v] of Object.entries(rule.map ?? {})) values.push([`map/${escapePointerSegment(k)}`, v]);
      for (const [where, value] of values) {
        if (value !== null && !allowed.has(value as never)) add(`${rp}/${where}`, 'config.mappingValue', { value: String(value), key: target });
      }
    }
    channel.outbound?.forEach((leg, j) => {
      leg.on.forEach((state, k) => {
        if (workflow && !states.has(state)) add(`${at}/outbound/${j}/on/${k}`, 'config.unknownRef', { what: input.lang === 'zh-CN' ? '状态' : 'state', key: state });
      });
      if (!leg.url && !leg.urlEnv) add(`${at}/outbound/${j}`, 'config.outboundUrl');
    });
  });
  return issues;
}

/** The JSON Schema of a case field or of a property inside an object field. */
function targetSchema(entity: EntityDefinition, segments: string[]): Record<string, any> | undefined {
  let schema: Record<string, any> | undefined = { properties: entity.schema.properties };
  for (const s of segments) {
    schema = schema?.properties?.[s];
    if (!schema) return undefined;
  }
  return segments.length ? schema : undefined;
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
