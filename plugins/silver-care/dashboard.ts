import type { PluginApi } from '../../core/plugin-sdk';
import type { SilverCareSettings } from './settings.generated';

/** The dashboard card's figures: elders covered, open alerts by kind, alarm response times. */
export async function dashboardFigures(plugin: PluginApi<SilverCareSettings>) {
  const db = plugin.runtime.db;
  const covered = await db.selectFrom('sc_device').select((eb) => eb.fn.count<number>('elder_id').distinct().as('n')).executeTakeFirstOrThrow();
  const open = await db.selectFrom('sc_alert').select(['kind']).select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').groupBy('kind').execute();
  const responded = await db.selectFrom('sc_alert').select(['opened_at', 'responded_at']).where('kind', 'in', ['fall', 'sos']).where('responded_at', 'is not', null).execute();
  const minutes = responded.map((r) => (new Date(r.responded_at).getTime() - new Date(r.opened_at).getTime()) / 60_000).sort((a, b) => a - b);
  return {
    eldersCovered: Number(covered.n),
    openAlerts: Object.fromEntries(open.map((o) => [o.kind, Number(o.n)])),
    openAlertsTotal: open.reduce((s, o) => s + Number(o.n), 0),
    responseMinutes: minutes.length
      ? { count: minutes.length, median: minutes[Math.floor((minutes.length - 1) / 2)], max: minutes[minutes.length - 1] }
      : { count: 0, median: null, max: null },
  };
}
