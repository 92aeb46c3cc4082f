import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createValidator, newRecordId, NotFoundError, systemContext, UnauthorizedError, ValidationError, type Lang, type PluginApi } from '../../core/plugin-sdk';
import type { HazardWatchSettings } from './settings.generated';
import { requireSource } from './sources';

type Api = PluginApi<HazardWatchSettings>;

export interface AlarmEvent {
  alarmId: string;
  sourceId: string;
  type: 'toxicGas' | 'flammableGas' | 'temperature' | 'pressure' | 'level';
  severity: 'general' | 'major';
  at: string;
  value?: number;
  unit?: string;
  system?: string;
}

export const validateAlarm = createValidator<AlarmEvent>({
  type: 'object',
  properties: {
    alarmId: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{4,100}$' },
    sourceId: { type: 'string', minLength: 1, maxLength: 64 },
    type: { enum: ['toxicGas', 'flammableGas', 'temperature', 'pressure', 'level'] },
    severity: { enum: ['general', 'major'] },
    at: { type: 'string', format: 'date-time' },
    value: { type: 'number' },
    unit: { type: 'string', maxLength: 20 },
    system: { type: 'string', maxLength: 100 },
  },
  required: ['alarmId', 'sourceId', 'type', 'severity', 'at'],
  additionalProperties: false,
});

export const validateClear = createValidator<{ note?: string; at?: string }>({
  type: 'object',
  properties: { note: { type: 'string', maxLength: 500 }, at: { type: 'string', format: 'date-time' } },
  additionalProperties: false,
});

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key for the monitoring system; returned once, only its hash is kept. */
export async function issueMonitoringKey(plugin: Api, label: string) {
  const key = randomBytes(24).toString('base64url');
  await plugin.runtime.db.insertInto('hw_key').values({ key_hash: hashKey(key), label, issued_at: plugin.now().toISOString() }).execute();
  return { key };
}

/** 401 unless the request carries a key the plugin issued (Authorization: Bearer <key>). */
export async function authenticateMonitoring(plugin: Api, request: Request, lang: Lang) {
  const header = request.headers.get('authorization') ?? '';
  const key = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const found = key ? await plugin.runtime.db.selectFrom('hw_key').select('label').where('key_hash', '=', hashKey(key)).executeTakeFirst() : undefined;
  if (!found) throw new UnauthorizedError(plugin.t(lang, 'badKey'));
  return found.label as string;
}

/** What the monitoring system gets back about an alarm (a stored hw_alarm row). */
const alarmResult = (row: Record<string, any>) => ({
  alarmId: row.alarm_id,
  sourceId: row.source_id,
  caseId: row.case_id ?? null,
  status: row.status,
  clearedAt: row.cleared_at ?? null,
  clearMinutes: row.clear_minutes === null || row.clear_minutes === undefined ? null : Number(row.clear_minutes),
  clearNote: (row.clear_note as string | null) ?? null,
});

/**
 * One alarm from the monitoring system, handled once per alarm id: the alarm row, the urgent case
 * for the emergency department (its category's SLA profile starts the response clock) and the
 * experts' notification commit together. An unknown source changes nothing.
 */
export async function receiveAlarm(plugin: Api, body: unknown, lang: Lang) {
  const event = validateAlarm(body, lang);
  const now = plugin.now();
  if (new Date(event.at).getTime() > now.getTime() + 5 * 60_000) {
    const message = plugin.t(lang, 'futureAlarm');
    throw new ValidationError(message, [{ path: '/at', message, code: 'future' }]);
  }
  const s = plugin.settings;
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('hw_alarm').selectAll().where('alarm_id', '=', event.alarmId).executeTakeFirst();
    if (existing) {
      if (existing.source_id !== event.sourceId) {
        const message = plugin.t(lang, 'alarmSourceMismatch', { id: event.alarmId });
        throw new ValidationError(message, [{ path: '/sourceId', message, code: 'mismatch' }]);
      }
      return { ...alarmResult(existing), replayed: true };
    }
    const source = await requireSource(plugin, trx, event.sourceId, lang).catch((e) => {
      if (e instanceof NotFoundError) throw new NotFoundError(e.message, [{ path: '/sourceId', message: e.message, code: 'unknownSource' }]);
      throw e;
    });
    const type = plugin.t(lang, event.type);
    const c = await plugin.runtime.entities.createWithin(trx, systemContext(lang), 'incidentCase', {
      orgUnitId: s.notifyDepartment,
      data: {
        title: plugin.t(lang, 'alarmTitle', { enterprise: source.enterprise_name, source: source.name, type }).slice(0, 100),
        description: plugin.t(lang, 'alarmDescription', { system: event.system ?? '', type, value: event.value === undefined ? '-' : `${event.value}${event.unit ?? ''}` }),
        category: s.alarmCategory!,
        channel: s.alarmChannel!,
        urgency: event.severity === 'major' ? 'critical' : 'urgent',
        riskLevel: event.severity === 'major' ? 'critical' : 'high',
        reportedAt: now.toISOString(),
        ...(source.address ? { address: String(source.address) } : {}),
        ...(source.lng !== null && source.lat !== null ? { location: { lng: Number(source.lng), lat: Number(source.lat) } } : {}),
      },
    });
    await trx
      .insertInto('hw_alarm')
      .values({ alarm_id: event.alarmId, source_id: event.sourceId, type: event.type, severity: event.severity, raised_at: event.at, received_at: now.toISOString(), case_id: c.id, status: 'open', cleared_at: null, clear_minutes: null, cleared_by: null, detail: JSON.stringify({ value: event.value, unit: event.unit, system: event.system }) })
      .execute();
    await trx
      .insertInto('notification')
      .values({ id: newRecordId(), entity: 'incidentCase', record_id: c.id, unit_id: s.notifyDepartment, role: s.expertRole!, kind: 'hazardWatch.alarm', at: now.toISOString(), data: JSON.stringify({ alarmId: event.alarmId, sourceId: event.sourceId, enterprise: source.enterprise_name, severity: event.severity }) })
      .execute();
    const row = await trx.selectFrom('hw_alarm').selectAll().where('alarm_id', '=', event.alarmId).executeTakeFirstOrThrow();
    return { ...alarmResult(row), replayed: false };
  });
}

/** Marks an alarm cleared in the caller's transaction; time to clear counts from the alarm's own time. */
async function markCleared(plugin: Api, trx: Kysely<any>, alarm: Record<string, any>, by: string, at: Date, note: string | null = null) {
  const minutes = Math.max(0, Math.round((at.getTime() - new Date(alarm.raised_at).getTime()) / 60_000));
  await trx.updateTable('hw_alarm').set({ status: 'cleared', cleared_at: at.toISOString(), clear_minutes: minutes, cleared_by: by, clear_note: note }).where('alarm_id', '=', alarm.alarm_id).where('status', '=', 'open').execute();
}

/**
 * Clears an alarm (from the monitoring system or a person): records the time to clear and closes
 * its case through the workflow's system transition. Clearing twice returns the first result.
 */
export async function clearAlarm(plugin: Api, alarmId: string, by: string, lang: Lang, input: { at?: string; note?: string } = {}) {
  const at = input.at ? new Date(Math.min(new Date(input.at).getTime(), plugin.now().getTime())) : plugin.now();
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const alarm = await trx.selectFrom('hw_alarm').selectAll().where('alarm_id', '=', alarmId).executeTakeFirst();
    if (!alarm) throw new NotFoundError(plugin.t(lang, 'unknownAlarm', { id: alarmId }));
    if (alarm.status !== 'open') return { ...alarmResult(alarm), replayed: true };
    await markCleared(plugin, trx, alarm, by, at, input.note ?? null);
    if (alarm.case_id) {
      const cases = plugin.runtime.registry.get('incidentCase');
      const transition = plugin.settings.clearTransition!;
      const closed = await plugin.runtime.workflow.fireSystem(trx, cases, cases.workflow!, alarm.case_id, transition, {});
      if (!closed) plugin.log.error(plugin.t(lang, 'noClearTransition', { transition }));
    }
    const row = await trx.selectFrom('hw_alarm').selectAll().where('alarm_id', '=', alarmId).executeTakeFirstOrThrow();
    return { ...alarmResult(row), replayed: false };
  });
}

/** A case closed another way (by hand) clears its alarm too. */
export async function clearForClosedCase(plugin: Api, trx: Kysely<any>, caseId: string) {
  const open = await trx.selectFrom('hw_alarm').select(['alarm_id', 'raised_at']).where('case_id', '=', caseId).where('status', '=', 'open').execute();
  for (const alarm of open) await markCleared(plugin, trx, alarm, 'caseClosed', plugin.now());
}
