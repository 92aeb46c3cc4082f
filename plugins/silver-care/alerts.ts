import type { Kysely } from 'kysely';
import { decodeRecord, newRecordId, NotFoundError, systemContext, type EntityRecord, type Lang, type PluginApi } from '../../core/plugin-sdk';
import type { SilverCareSettings } from './settings.generated';

export type AlertKind = 'fall' | 'sos' | 'missedDose' | 'utilityAnomaly' | 'deviceSilent' | 'heartRate';

export interface AlertInput {
  elderId: string;
  kind: AlertKind;
  /** Same key, same alert: replays and repeated runs open nothing new. */
  dedupeKey: string;
  /** Open a case (an urgent alarm, a visit or check task) for the elder's grid; otherwise only notify. */
  caseFor?: { title: string; category: string; channel: string; urgency: 'normal' | 'urgent' | 'critical'; description?: string };
  detail?: Record<string, unknown>;
}

export async function elderRecord(plugin: PluginApi<SilverCareSettings>, trx: Kysely<any>, elderId: string, lang: Lang): Promise<EntityRecord> {
  const entity = plugin.runtime.registry.get('elder');
  // Through the caller's transaction: on SQLite's one connection another handle would wait for it.
  const row = await trx.selectFrom(entity.table).selectAll().where('id', '=', elderId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new NotFoundError(plugin.t(lang, 'unknownElder', { id: elderId }));
  return decodeRecord(entity, row);
}

/**
 * Opens an alert once per dedupe key, in the caller's transaction: the alert row, the case for the
 * elder's grid (its category's SLA profile starts the clock) and a notification to that grid.
 */
export async function openAlert(plugin: PluginApi<SilverCareSettings>, trx: Kysely<any>, input: AlertInput, elder: EntityRecord, lang: Lang) {
  const existing = await trx.selectFrom('sc_alert').selectAll().where('dedupe_key', '=', input.dedupeKey).executeTakeFirst();
  if (existing) return { alertId: existing.id as string, caseId: (existing.case_id as string | null) ?? null, created: false };
  const now = plugin.now().toISOString();
  const alertId = newRecordId();
  let caseId: string | null = null;
  if (input.caseFor) {
    const c = await plugin.runtime.entities.createWithin(trx, systemContext(lang), 'incidentCase', {
      orgUnitId: elder.orgUnitId,
      data: { ...input.caseFor, reportedAt: now },
    });
    caseId = c.id;
  }
  await trx
    .insertInto('sc_alert')
    .values({ id: alertId, elder_id: input.elderId, kind: input.kind, dedupe_key: input.dedupeKey, case_id: caseId, opened_at: now, responded_at: null, closed_at: null, status: 'open', detail: JSON.stringify(input.detail ?? {}) })
    .execute();
  await trx
    .insertInto('notification')
    .values({ id: newRecordId(), entity: 'elder', record_id: input.elderId, unit_id: elder.orgUnitId, role: 'gridWorker', kind: `silverCare.${input.kind}`, at: now, data: JSON.stringify({ alertId, caseId, ...input.detail }) })
    .execute();
  return { alertId, caseId, created: true };
}

/** Title of a case or task for an elder, in the district's language. */
export const titleFor = (plugin: PluginApi<SilverCareSettings>, key: string, elder: EntityRecord, lang: Lang) =>
  plugin.t(lang, key, { name: String(elder.data.name ?? elder.id) });
