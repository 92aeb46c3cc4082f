import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createValidator, UnauthorizedError, ValidationError, type Lang, type PluginApi, type ServiceContext } from '../../core/plugin-sdk';
import { elderRecord, openAlert, titleFor } from './alerts';
import type { SilverCareSettings } from './settings.generated';

export interface TelemetryEvent {
  eventId: string;
  deviceId: string;
  type: 'fall' | 'sos' | 'heartRate' | 'battery' | 'medicationTaken';
  at: string;
  value?: number;
  medication?: string;
}

const range = (type: string, min: number, max: number) => ({
  if: { properties: { type: { const: type } } },
  then: { properties: { value: { type: 'integer', minimum: min, maximum: max } }, required: ['value'] },
});

export const validateTelemetry = createValidator<TelemetryEvent>({
  type: 'object',
  properties: {
    eventId: { type: 'string', minLength: 8, maxLength: 100 },
    deviceId: { type: 'string', pattern: '^[A-Za-z0-9_-]{4,64}$' },
    type: { enum: ['fall', 'sos', 'heartRate', 'battery', 'medicationTaken'] },
    at: { type: 'string', format: 'date-time' },
    value: { type: 'number' },
    medication: { type: 'string', minLength: 1, maxLength: 50 },
  },
  required: ['eventId', 'deviceId', 'type', 'at'],
  additionalProperties: false,
  allOf: [range('heartRate', 20, 250), range('battery', 0, 100), { if: { properties: { type: { const: 'medicationTaken' } } }, then: { required: ['medication'] } }],
});

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Binds a wristband to an elder; returns the device key once (only its hash is kept). */
export async function registerWristband(plugin: PluginApi<SilverCareSettings>, ctx: ServiceContext, input: { deviceId: string; elderId: string }) {
  const key = randomBytes(24).toString('base64url');
  const { runtime } = plugin;
  const wristband = await runtime.db.transaction().execute(async (trx) => {
    const elder = await elderRecord(plugin, trx, input.elderId, ctx.lang);
    const record = await runtime.entities.createWithin(trx, ctx, 'wristband', { orgUnitId: elder.orgUnitId, data: { deviceId: input.deviceId, elderId: input.elderId, active: true } });
    const taken = await trx.selectFrom('sc_device').select('device_id').where('device_id', '=', input.deviceId).executeTakeFirst();
    if (taken) {
      const message = plugin.t(ctx.lang, 'deviceTaken', { id: input.deviceId });
      throw new ValidationError(message, [{ path: '/deviceId', message, code: 'deviceTaken' }]);
    }
    await trx
      .insertInto('sc_device')
      .values({ device_id: input.deviceId, elder_id: input.elderId, key_hash: hashKey(key), last_seen_at: null, battery: null, heart_rate: null, silent_alerted_at: null, registered_at: plugin.now().toISOString() })
      .execute();
    return record;
  });
  return { wristband, deviceKey: key };
}

/** The device named in the event, if the bearer key is its key; 401 otherwise (unknown or wrong alike). */
async function authenticate(plugin: PluginApi<SilverCareSettings>, request: Request, deviceId: string, lang: Lang) {
  const header = request.headers.get('authorization') ?? '';
  const key = header.startsWith('Bearer ') ? header.slice(7).trim() : (request.headers.get('x-device-key') ?? '');
  const device = await plugin.runtime.db.selectFrom('sc_device').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
  const given = Buffer.from(hashKey(key), 'hex');
  if (!device || !key || !timingSafeEqual(given, Buffer.from(device.key_hash, 'hex'))) {
    throw new UnauthorizedError(plugin.t(lang, 'unknownDevice', { id: deviceId }));
  }
  return device;
}

/**
 * One telemetry event: validated, authenticated, then handled exactly once per event id — the
 * claim of the id, the alarm case and the stored result commit together, and a replay gets the
 * stored result without opening anything again.
 */
export async function ingestTelemetry(plugin: PluginApi<SilverCareSettings>, request: Request, body: unknown, lang: Lang) {
  const event = validateTelemetry(body, lang);
  const now = plugin.now();
  if (new Date(event.at).getTime() > now.getTime() + 5 * 60_000) {
    const message = plugin.t(lang, 'futureEvent');
    throw new ValidationError(message, [{ path: '/at', message, code: 'future' }]);
  }
  const device = await authenticate(plugin, request, event.deviceId, lang);
  const settings = plugin.settings;
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('sc_telemetry')
      .values({ event_id: event.eventId, device_id: event.deviceId, type: event.type, at: event.at, result: null, received_at: now.toISOString() })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
      const stored = await trx.selectFrom('sc_telemetry').select(['result', 'device_id']).where('event_id', '=', event.eventId).executeTakeFirstOrThrow();
      if (stored.device_id !== event.deviceId) throw new UnauthorizedError(plugin.t(lang, 'unknownDevice', { id: event.deviceId }));
      return { ...JSON.parse(stored.result), replayed: true };
    }
    const elder = await elderRecord(plugin, trx, device.elder_id, lang);
    let result: Record<string, unknown> = { eventId: event.eventId, type: event.type };
    if (event.type === 'fall' || event.type === 'sos') {
      const opened = await openAlert(plugin, trx, {
        elderId: device.elder_id,
        kind: event.type,
        dedupeKey: `${event.type}:${event.eventId}`,
        caseFor: { title: titleFor(plugin, event.type === 'fall' ? 'fallTitle' : 'sosTitle', elder, lang), category: settings.alarmCategory!, channel: settings.alarmChannel!, urgency: 'critical', description: String(elder.data.address ?? '') },
        detail: { deviceId: event.deviceId, at: event.at },
      }, elder, lang);
      result = { ...result, alertId: opened.alertId, caseId: opened.caseId };
    } else if (event.type === 'heartRate') {
      await trx.updateTable('sc_device').set({ heart_rate: event.value }).where('device_id', '=', event.deviceId).execute();
      const abnormal = event.value! < settings.heartRate!.min! || event.value! > settings.heartRate!.max!;
      if (abnormal) {
        const opened = await openAlert(plugin, trx, { elderId: device.elder_id, kind: 'heartRate', dedupeKey: `heartRate:${event.eventId}`, detail: { value: event.value, at: event.at } }, elder, lang);
        result.alertId = opened.alertId;
      }
      result.abnormal = abnormal;
    } else if (event.type === 'battery') {
      await trx.updateTable('sc_device').set({ battery: event.value }).where('device_id', '=', event.deviceId).execute();
    } else {
      const grace = settings.medication!.missedAfterMinutes! * 60_000;
      const at = new Date(event.at).getTime();
      const dose = await trx
        .selectFrom('sc_dose')
        .select(['due_at'])
        .where('elder_id', '=', device.elder_id)
        .where('medication', '=', event.medication!)
        .where('status', 'in', ['pending', 'missed'])
        .where('due_at', '>=', new Date(at - grace).toISOString())
        .where('due_at', '<=', new Date(at + grace).toISOString())
        .orderBy('due_at')
        .executeTakeFirst();
      if (dose) {
        await trx.updateTable('sc_dose').set({ status: 'taken', taken_at: event.at }).where('elder_id', '=', device.elder_id).where('medication', '=', event.medication!).where('due_at', '=', dose.due_at).execute();
      }
      result.doseDueAt = dose?.due_at ?? null;
    }
    const seen = device.last_seen_at && device.last_seen_at > event.at ? device.last_seen_at : event.at;
    await trx.updateTable('sc_device').set({ last_seen_at: seen }).where('device_id', '=', event.deviceId).execute();
    await trx.updateTable('sc_telemetry').set({ result: JSON.stringify(result) }).where('event_id', '=', event.eventId).execute();
    return { ...result, replayed: false };
  });
}
