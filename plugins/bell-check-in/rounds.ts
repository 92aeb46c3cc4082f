import type { Kysely } from 'kysely';
import { decodeRecord, systemContext, type PluginApi } from '../../core/plugin-sdk';
import type { BellCheckInSettings } from './settings.generated';

/** The calendar day (YYYY-MM-DD) and weekday of `at` in the district's time zone. */
export function localDay(at: Date, timeZone: string): { day: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day: `${get('year')}-${get('month')}-${get('day')}`, weekday };
}

/**
 * Creates today's rounds: one per active elder on the roster (weekly elders on Mondays), each
 * through the entity service so the round's workflow starts its ring clock. A round exists once
 * per elder and day, so a rerun (a retried job, a second instance) adds nothing.
 */
export async function createRounds(plugin: PluginApi<BellCheckInSettings>, trx: Kysely<any>): Promise<number> {
  const { runtime } = plugin;
  const { day, weekday } = localDay(plugin.now(), runtime.bundle.district.timeZone);
  const elders = runtime.registry.get('bellElder');
  const rounds = runtime.registry.get('bellRound');
  const rows = await trx.selectFrom(elders.table).selectAll().where('deleted_at', 'is', null).execute();
  let created = 0;
  for (const elder of rows.map((r) => decodeRecord(elders, r))) {
    if (elder.data.active === false) continue;
    if (elder.data.cadence === 'weekly' && weekday !== 1) continue;
    const roundKey = `${elder.id}:${day}`;
    const exists = await trx.selectFrom(rounds.table).select('id').where('roundKey', '=', roundKey).executeTakeFirst();
    if (exists) continue;
    await runtime.entities.createWithin(trx, systemContext(), 'bellRound', { orgUnitId: elder.orgUnitId, data: { elderId: elder.id, day, roundKey } });
    created++;
  }
  return created;
}
