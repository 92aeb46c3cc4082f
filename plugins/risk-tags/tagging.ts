import type { EntityRecord } from '../../core/plugin-sdk';
import type { RiskTagsSettings } from './settings.generated';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The catalogue tags a case's rules give it, plus the tags entered on the form (catalogue keys only). */
export function tagsFor(settings: RiskTagsSettings, data: Record<string, unknown>): { tag: string; source: 'rule' | 'form' }[] {
  const known = new Set((settings.tags ?? []).map((t) => t.key));
  const body = `${text(data.title)} ${text(data.description)}`;
  const category = text(data.category);
  const channel = text(data.channel);
  const out = new Map<string, 'rule' | 'form'>();
  for (const rule of settings.rules ?? []) {
    const conditions = [
      rule.keywords?.length ? rule.keywords.some((k) => body.includes(k)) : undefined,
      rule.categories?.length ? rule.categories.some((c) => category === c || category.startsWith(`${c}.`)) : undefined,
      rule.channels?.length ? rule.channels.includes(channel) : undefined,
    ].filter((c) => c !== undefined);
    if (conditions.length && conditions.every(Boolean) && known.has(rule.tag)) out.set(rule.tag, 'rule');
  }
  for (const tag of Array.isArray(data.riskTags) ? data.riskTags : []) if (known.has(tag) && !out.has(tag)) out.set(tag, 'form');
  return [...out].map(([tag, source]) => ({ tag, source }));
}

export interface Subject {
  kind: string;
  key: string;
  label: string;
}

/** The subjects (person, building, enterprise, dispute) a case is about, by the configured rules. */
export function subjectsOf(settings: RiskTagsSettings, record: EntityRecord): Subject[] {
  const found = new Map<string, Subject>();
  for (const rule of settings.subjects ?? []) {
    let value = text(record.data[rule.field]).trim();
    if (value && rule.pattern) {
      const m = new RegExp(rule.pattern, 'u').exec(value);
      value = (m?.[1] ?? m?.[0] ?? '').trim();
    }
    if (value) found.set(`${rule.kind}:${value}`, { kind: rule.kind, key: `${rule.kind}:${value}`, label: value });
  }
  return [...found.values()];
}
