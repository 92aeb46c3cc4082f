import type { Kysely } from 'kysely';
import type { PluginApi } from '../../core/plugin-sdk';
import { elderRecord, openAlert, titleFor } from './alerts';
import type { SilverCareSettings } from './settings.generated';

/**
 * Devices not heard from for `silentHours` (since their last message, or since registration)
 * raise one check task each per silence: a message from the device starts a new silence.
 */
export async function silencePass(plugin: PluginApi<SilverCareSettings>, trx: Kysely<any>) {
  const now = plugin.now();
  const cutoff = new Date(now.getTime() - plugin.settings.silentHours! * 3_600_000).toISOString();
  const devices = await trx.selectFrom('sc_device').selectAll().where((eb) => eb(eb.fn.coalesce('last_seen_at', 'registered_at'), '<', cutoff)).execute();
  for (const device of devices) {
    const since = device.last_seen_at ?? device.registered_at;
    if (device.silent_alerted_at && device.silent_alerted_at >= since) continue;
    const elder = await elderRecord(plugin, trx, device.elder_id, 'zh-CN');
    await openAlert(plugin, trx, {
      elderId: device.elder_id,
      kind: 'deviceSilent',
      dedupeKey: `deviceSilent:${device.device_id}:${since}`,
      caseFor: { title: titleFor(plugin, 'silentTitle', elder, 'zh-CN'), category: plugin.settings.category!, channel: plugin.settings.alarmChannel!, urgency: 'urgent', description: device.device_id },
      detail: { deviceId: device.device_id, lastSeenAt: device.last_seen_at },
    }, elder, 'zh-CN');
    await trx.updateTable('sc_device').set({ silent_alerted_at: now.toISOString() }).where('device_id', '=', device.device_id).execute();
  }
}
