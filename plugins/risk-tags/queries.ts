import { ForbiddenError, NotFoundError, systemContext, type PluginApi, type ServiceContext } from '../../core/plugin-sdk';
import { tagsFor } from './tagging';
import type { RiskTagsSettings } from './settings.generated';

/** Ids of the cases the actor may read: the register shows only signals from those. */
function readableCases(plugin: PluginApi<RiskTagsSettings>, ctx: ServiceContext) {
  const entity = plugin.runtime.registry.get('incidentCase');
  return plugin.runtime.entities.scopedQuery(ctx, entity).select(`${entity.table}.id`);
}

function assertRegisterReader(plugin: PluginApi<RiskTagsSettings>, ctx: ServiceContext) {
  if (ctx.ability && !ctx.ability.can('read', 'RiskRegister')) throw new ForbiddenError(plugin.t(ctx.lang, 'registerForbidden'));
}

/** Subjects with their signal counts and sources, most recently seen first. */
export async function registerList(plugin: PluginApi<RiskTagsSettings>, ctx: ServiceContext, filter: { kind?: string; level?: string }) {
  assertRegisterReader(plugin, ctx);
  let q = plugin.runtime.db
    .selectFrom('rt_signal as g')
    .innerJoin('rt_subject as s', 's.subject_key', 'g.subject_key')
    .where('g.record_id', 'in', readableCases(plugin, ctx))
    .select(['s.subject_key', 's.kind', 's.label', 's.level', 's.first_seen', 's.last_seen', 's.escalated_at', 'g.source_type', 'g.record_id']);
  if (filter.kind) q = q.where('s.kind', '=', filter.kind);
  if (filter.level) q = q.where('s.level', '=', filter.level);
  const rows = (await q.execute()) as { subject_key: string; kind: string; label: string; level: string; first_seen: string; last_seen: string; escalated_at: string | null; source_type: string; record_id: string }[];
  const bySubject = new Map<string, { key: string; kind: string; label: string; level: string; firstSeen: string; lastSeen: string; escalatedAt: string | null; signals: number; sourceTypes: string[] }>();
  for (const r of rows) {
    const s = bySubject.get(r.subject_key) ?? { key: r.subject_key, kind: r.kind, label: r.label, level: r.level, firstSeen: r.first_seen, lastSeen: r.last_seen, escalatedAt: r.escalated_at, signals: 0, sourceTypes: [] };
    s.signals++;
    if (!s.sourceTypes.includes(r.source_type)) s.sourceTypes.push(r.source_type);
    bySubject.set(r.subject_key, s);
  }
  return [...bySubject.values()].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || a.key.localeCompare(b.key));
}

/** One subject: its signals (readable cases only), their tags, and its escalations. */
export async function registerDetail(plugin: PluginApi<RiskTagsSettings>, ctx: ServiceContext, key: string) {
  assertRegisterReader(plugin, ctx);
  const { db } = plugin.runtime;
  const subject = await db.selectFrom('rt_subject').selectAll().where('subject_key', '=', key).executeTakeFirst();
  const signals = subject
    ? await db.selectFrom('rt_signal').selectAll().where('subject_key', '=', key).where('record_id', 'in', readableCases(plugin, ctx)).orderBy('at').orderBy('record_id').execute()
    : [];
  if (!subject || !signals.length) throw new NotFoundError(plugin.t(ctx.lang, 'unknownSubject', { key }));
  const tags = await db.selectFrom('rt_case_tag').select(['record_id', 'tag']).where('record_id', 'in', signals.map((s) => s.record_id)).execute();
  const escalations = await db.selectFrom('rt_escalation').select(['rule', 'record_id', 'joint_case_id', 'at']).where('subject_key', '=', key).orderBy('at').execute();
  return {
    key,
    kind: subject.kind,
    label: subject.label,
    level: subject.level,
    escalatedAt: subject.escalated_at,
    signals: signals.map((s) => ({ caseId: s.record_id, sourceType: s.source_type, orgUnitId: s.org_unit_id, at: s.at, tags: tags.filter((t) => t.record_id === s.record_id).map((t) => t.tag).sort() })),
    escalations: escalations.map((e) => ({ rule: e.rule, caseId: e.record_id, jointCaseId: e.joint_case_id, at: e.at })),
  };
}

/**
 * A case's tags with their catalogue labels (the case's own read permission applies), plus the
 * tags the category rules would give if the case were in a category the classifier suggests.
 * Suggestions are computed here, outside any write transaction: the classifier reads the model
 * through its own handle, which on SQLite would wait on the write's connection.
 */
export async function caseTags(plugin: PluginApi<RiskTagsSettings>, ctx: ServiceContext, caseId: string) {
  const record = await plugin.runtime.entities.get(ctx, 'incidentCase', caseId);
  const rows = await plugin.runtime.db.selectFrom('rt_case_tag').select(['tag', 'source']).where('record_id', '=', caseId).orderBy('tag').execute();
  const catalogue = new Map((plugin.settings.tags ?? []).map((t) => [t.key, t]));
  const describe = (tag: string) => ({ label: catalogue.get(tag)?.label ?? null, riskType: catalogue.get(tag)?.riskType ?? null });
  const stored = rows.map((r) => ({ tag: r.tag, source: r.source as string, confidence: null as number | null, ...describe(r.tag) }));
  const suggested = new Map<string, number>();
  for (const s of await suggestedCategories(plugin, ctx, record.data)) {
    for (const { tag, source } of tagsFor(plugin.settings, { ...record.data, category: s.category, riskTags: [] })) {
      if (source === 'rule' && !rows.some((r) => r.tag === tag) && !suggested.has(tag)) suggested.set(tag, s.confidence);
    }
  }
  return [...stored, ...[...suggested].map(([tag, confidence]) => ({ tag, source: 'classifier', confidence, ...describe(tag) }))];
}

async function suggestedCategories(plugin: PluginApi<RiskTagsSettings>, ctx: ServiceContext, data: Record<string, unknown>) {
  const text = `${data.title ?? ''} ${data.description ?? ''}`.trim();
  try {
    const { suggestions } = await plugin.runtime.classifier.suggest(systemContext(ctx.lang), 'incidentCase', text, 3);
    return suggestions.filter((s) => s.category !== data.category && s.confidence >= (plugin.settings.classifierMinConfidence ?? 0.5));
  } catch (e) {
    if (e instanceof NotFoundError) return []; // no model trained yet
    throw e;
  }
}

/**
 * The escalation rules and what they did: each rule with its source types (labelled) and window,
 * and every escalation it made on a case the actor may read, newest first; with the catalogue of
 * source types and tags.
 */
export async function escalationResults(plugin: PluginApi<RiskTagsSettings>, ctx: ServiceContext) {
  assertRegisterReader(plugin, ctx);
  const labels = new Map((plugin.settings.sourceTypes ?? []).map((s) => [s.key, s.label ?? null]));
  const rules = (plugin.settings.escalation ?? []).map((r) => ({
    key: r.key,
    sourceTypes: r.sourceTypes.map((key) => ({ key, label: labels.get(key) ?? null })),
    minSourceTypes: r.minSourceTypes ?? r.sourceTypes.length,
    withinDays: r.withinDays ?? 7,
    level: r.level ?? 'high',
  }));
  const rows = await plugin.runtime.db
    .selectFrom('rt_escalation as x')
    .innerJoin('rt_subject as s', 's.subject_key', 'x.subject_key')
    .where('x.record_id', 'in', readableCases(plugin, ctx))
    .select(['x.rule', 'x.subject_key', 's.kind', 's.label', 's.level', 'x.record_id', 'x.joint_case_id', 'x.at'])
    .orderBy('x.at', 'desc')
    .orderBy('x.id')
    .limit(500)
    .execute();
  const sourceTypes = (plugin.settings.sourceTypes ?? []).map((s) => ({ key: s.key, label: s.label ?? null }));
  const tags = (plugin.settings.tags ?? []).map((t) => ({ key: t.key, label: t.label, riskType: t.riskType ?? null }));
  const results = rows.map((r) => ({ rule: r.rule as string, subjectKey: r.subject_key as string, subjectKind: r.kind as string, subjectLabel: r.label as string, level: r.level as string, caseId: r.record_id as string, jointCaseId: (r.joint_case_id as string | null) ?? null, at: r.at as string }));
  // The catalogue's labels come along: the register page names source types and tags with them.
  return { rules, results, sourceTypes, tags };
}
