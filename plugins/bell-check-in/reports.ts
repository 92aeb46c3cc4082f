import type { Kysely } from 'kysely';
import { ValidationError, type Lang, type PluginApi, type ServiceContext } from '../../core/plugin-sdk';
import type { BellCheckInSettings } from './settings.generated';

const CONTACTED = ['answered', 'reached', 'visited', 'resolved'];

/** An elder's rounds, newest first, with how each ended and whether the ring was late. */
export async function elderHistory(plugin: PluginApi<BellCheckInSettings>, ctx: ServiceContext, elderId: string) {
  const { runtime } = plugin;
  await runtime.entities.get(ctx, 'bellElder', elderId);
  const rounds = await runtime.entities.list(ctx, 'bellRound', { filter: { elderId }, sort: { field: 'day', dir: 'desc' }, limit: 200 });
  const ids = rounds.items.map((r) => r.id);
  const events = ids.length
    ? await runtime.db.selectFrom('case_event').select(['record_id', 'type', 'transition', 'at']).where('entity', '=', 'bellRound').where('record_id', 'in', ids).orderBy('id').execute()
    : [];
  return rounds.items.map((r) => ({
    id: r.id,
    day: r.data.day,
    status: r.status,
    steps: events.filter((e) => e.record_id === r.id && (e.type === 'transition' || e.type === 'clock.breach')).map((e) => ({ at: e.at, type: e.type, transition: e.transition })),
  }));
}

/**
 * The month's coverage for the actor's scope: rounds due, rounds with contact (answered, reached
 * by phone, visited or resolved by the secretary), missed rings (the ring clock breached), and
 * per elder.
 */
export async function monthlyCoverage(plugin: PluginApi<BellCheckInSettings>, ctx: ServiceContext, month: string, lang: Lang) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    const message = plugin.t(lang, 'badMonth');
    throw new ValidationError(message, [{ path: '/month', message, code: 'pattern' }]);
  }
  const { runtime } = plugin;
  const rounds = runtime.registry.get('bellRound');
  const rows = await runtime.entities
    .scopedQuery(ctx, rounds)
    .select(['id', 'status', 'elderId as elder_id'])
    .where('day', '>=', `${month}-01`)
    .where('day', '<=', `${month}-31`)
    .execute();
  const missed = new Set(await missedRounds(runtime.db, rows.map((r: any) => r.id)));
  const perElder = new Map<string, { rounds: number; contacted: number; missed: number; escalated: number }>();
  for (const r of rows as any[]) {
    const e = perElder.get(r.elder_id) ?? { rounds: 0, contacted: 0, missed: 0, escalated: 0 };
    e.rounds++;
    if (CONTACTED.includes(r.status)) e.contacted++;
    if (missed.has(r.id)) e.missed++;
    if (r.status === 'escalated' || r.status === 'resolved') e.escalated++;
    perElder.set(r.elder_id, e);
  }
  const total = [...perElder.values()].reduce((s, e) => ({ rounds: s.rounds + e.rounds, contacted: s.contacted + e.contacted, missed: s.missed + e.missed, escalated: s.escalated + e.escalated }), { rounds: 0, contacted: 0, missed: 0, escalated: 0 });
  return {
    month,
    elders: perElder.size,
    ...total,
    coverage: total.rounds ? total.contacted / total.rounds : null,
    perElder: [...perElder].map(([elderId, e]) => ({ elderId, ...e })),
  };
}

async function missedRounds(db: Kysely<any>, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('case_clock').select('record_id').where('entity', '=', 'bellRound').where('clock', '=', 'ring').where('breached_at', 'is not', null).where('record_id', 'in', ids.slice(i, i + 500)).execute();
    out.push(...rows.map((r) => r.record_id));
  }
  return out;
}
