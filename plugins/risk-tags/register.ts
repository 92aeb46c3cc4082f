import type { Kysely } from 'kysely';
import { newRecordId, systemContext, type EntityRecord, type PluginApi } from '../../core/plugin-sdk';
import type { RiskTagsSettings } from './settings.generated';
import { subjectsOf, tagsFor } from './tagging';

const iso = (v: unknown, fallback: string) => {
  const d = typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : fallback;
};

/**
 * Tags a case and files its signals in the register of each subject it names, then applies the
 * escalation rules. Idempotent: run on create and on every transition.
 */
export async function processCase(plugin: PluginApi<RiskTagsSettings>, trx: Kysely<any>, record: EntityRecord): Promise<void> {
  const { settings } = plugin;
  const now = plugin.now().toISOString();
  for (const { tag, source } of tagsFor(settings, record.data)) {
    await trx.insertInto('rt_case_tag').values({ record_id: record.id, tag, source, at: now }).onConflict((oc) => oc.columns(['record_id', 'tag']).doNothing()).execute();
  }
  const sourceType = (settings.sourceTypes ?? []).find((s) => s.channel === record.data.channel)?.key;
  if (!sourceType) return;
  const at = iso(record.data.reportedAt, record.createdAt);
  for (const subject of subjectsOf(settings, record)) {
    await trx
      .insertInto('rt_subject')
      .values({ subject_key: subject.key, kind: subject.kind, label: subject.label, first_seen: at, last_seen: at, level: 'low', escalated_at: null })
      .onConflict((oc) => oc.column('subject_key').doNothing())
      .execute();
    const inserted = await trx
      .insertInto('rt_signal')
      .values({ subject_key: subject.key, record_id: record.id, source_type: sourceType, org_unit_id: record.orgUnitId, at })
      .onConflict((oc) => oc.columns(['subject_key', 'record_id']).doNothing())
      .executeTakeFirst();
    if (!Number(inserted.numInsertedOrUpdatedRows ?? 0)) continue;
    const row = await trx.selectFrom('rt_subject').select(['first_seen', 'last_seen']).where('subject_key', '=', subject.key).executeTakeFirstOrThrow();
    await trx
      .updateTable('rt_subject')
      .set({ first_seen: row.first_seen < at ? row.first_seen : at, last_seen: row.last_seen > at ? row.last_seen : at })
      .where('subject_key', '=', subject.key)
      .execute();
    await applyEscalation(plugin, trx, subject.key, subject.label, record);
  }
}

/** A rule met for the first time in its window: escalate the case, open a joint case at the district. */
async function applyEscalation(plugin: PluginApi<RiskTagsSettings>, trx: Kysely<any>, subjectKey: string, subjectLabel: string, record: EntityRecord) {
  const { runtime, settings } = plugin;
  const now = plugin.now();
  const labels = new Map((settings.sourceTypes ?? []).map((s) => [s.key, s.label['zh-CN']]));
  for (const rule of settings.escalation ?? []) {
    const days = rule.withinDays ?? 7;
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    const signals = await trx.selectFrom('rt_signal').select(['record_id', 'source_type']).where('subject_key', '=', subjectKey).where('at', '>=', since).execute();
    const seen = rule.sourceTypes.filter((s) => signals.some((g) => g.source_type === s));
    if (seen.length < (rule.minSourceTypes ?? rule.sourceTypes.length)) continue;
    const done = await trx.selectFrom('rt_escalation').select('id').where('subject_key', '=', subjectKey).where('rule', '=', rule.key).where('at', '>=', since).executeTakeFirst();
    if (done) continue;
    const id = newRecordId();
    // Recorded first: the escalation below re-enters this hook through the transition.
    await trx.insertInto('rt_escalation').values({ id, rule: rule.key, subject_key: subjectKey, record_id: record.id, joint_case_id: null, at: now.toISOString() }).execute();
    await trx.updateTable('rt_subject').set({ level: rule.level ?? 'high', escalated_at: now.toISOString() }).where('subject_key', '=', subjectKey).execute();
    const root = runtime.org.root();
    const caseIds = [...new Set(signals.map((s) => s.record_id))];
    const joint = await runtime.entities.createWithin(trx, systemContext(), 'riskJointCase', {
      orgUnitId: root!.id,
      data: { title: plugin.t('zh-CN', 'jointTitle', { subject: subjectLabel }), subjectKey, rule: rule.key, sourceTypes: seen, caseIds },
    });
    await trx.updateTable('rt_escalation').set({ joint_case_id: joint.id }).where('id', '=', id).execute();
    const entity = runtime.registry.get('incidentCase');
    if (entity.workflow) {
      const reason = plugin.t('zh-CN', 'escalationReason', { subject: subjectLabel, days, sources: seen.map((s) => labels.get(s) ?? s).join('、'), rule: rule.key });
      await runtime.workflow.fireSystem(trx, entity, entity.workflow, record.id, settings.escalateTransition ?? 'escalate', { reason: reason.slice(0, 500), level: settings.escalateLevel ?? 'district' });
    }
  }
}
