import type { Kysely } from 'kysely';
import { newRecordId, type EntityRecord, type PluginApi, type ServiceContext, type TransitionHookEvent } from '../../core/plugin-sdk';
import { drawPanel } from './panel';
import type { MediationSettings } from './settings.generated';

const OUTCOME: Record<string, string> = { reachAgreement: 'agreement', referToCourt: 'referredToCourt', withdraw: 'withdrawn' };

/** What each mediation transition keeps beside the record, in the transition's transaction. */
export async function afterMediationTransition(e: TransitionHookEvent, plugin: PluginApi<MediationSettings>): Promise<void> {
  const { trx, record, form, ctx } = e;
  const now = plugin.now().toISOString();
  switch (e.transition) {
    case 'formPanel':
      await drawPanel(plugin, trx, record, ctx.lang);
      return;
    case 'holdSession':
      await trx
        .insertInto('md_session')
        .values({ id: newRecordId(), mediation_id: record.id, held_at: form.heldAt as string, attendees: JSON.stringify(form.attendees), minutes: form.minutes as string, documents: JSON.stringify(form.documents ?? []), recorded_by: ctx.actor?.id ?? null })
        .execute();
      return;
    case 'followUp':
      await trx.insertInto('md_follow_up').values({ id: newRecordId(), mediation_id: record.id, fulfilled: form.fulfilled ? 1 : 0, note: (form.note as string | undefined) ?? null, at: now }).execute();
      await releasePanel(trx, record.id, now);
      return;
  }
  const outcome = OUTCOME[e.transition];
  if (!outcome) return;
  await trx
    .insertInto('md_outcome')
    .values({ mediation_id: record.id, outcome, terms: (form.terms as string | undefined) ?? null, reason: (form.reason as string | undefined) ?? null, risk_type: (record.data.riskType as string) ?? null, difficulty: (record.data.difficulty as string) ?? null, opened_at: record.createdAt, decided_at: now })
    .execute();
  if (outcome !== 'agreement') await releasePanel(trx, record.id, now);
  if (record.data.source === 'courtPush' && record.data.courtRef) await queueForCourt(trx, record, outcome, form, now);
}

async function releasePanel(trx: Kysely<any>, id: string, now: string) {
  await trx.updateTable('md_panel').set({ released_at: now }).where('mediation_id', '=', id).where('released_at', 'is', null).execute();
}

/** The court's copy of the outcome, with its own delivery state (one leg failing hides nothing). */
async function queueForCourt(trx: Kysely<any>, record: EntityRecord, outcome: string, form: Record<string, unknown>, now: string) {
  const payload = { courtRef: record.data.courtRef, mediationId: record.id, outcome, terms: form.terms ?? null, reason: form.reason ?? null, decidedAt: now };
  await trx.insertInto('md_court_outbox').values({ mediation_id: record.id, court_ref: String(record.data.courtRef), payload: JSON.stringify(payload), status: 'pending', attempts: 0, last_error: null, delivered_at: null }).execute();
}

/** Statistics per risk type × outcome and per difficulty, over the cases the actor may read. */
export async function mediationStats(plugin: PluginApi<MediationSettings>, ctx: ServiceContext) {
  const { runtime } = plugin;
  const entity = runtime.registry.get('mediationCase');
  const rows = (await runtime.entities
    .scopedQuery(ctx, entity)
    .leftJoin('md_outcome as o', 'o.mediation_id', `${entity.table}.id`)
    .select([`${entity.table}.riskType as risk_type`, `${entity.table}.difficulty as difficulty`, `${entity.table}.status as status`, 'o.outcome as outcome', 'o.opened_at as opened_at', 'o.decided_at as decided_at'])
    .execute()) as { risk_type: string; difficulty: string; status: string; outcome: string | null; opened_at: string | null; decided_at: string | null }[];
  const byTypeAndOutcome: Record<string, Record<string, number>> = {};
  const byDifficulty: Record<string, Record<string, number>> = {};
  const days: number[] = [];
  for (const r of rows) {
    const outcome = r.outcome ?? 'open';
    (byTypeAndOutcome[r.risk_type] ??= {})[outcome] = (byTypeAndOutcome[r.risk_type][outcome] ?? 0) + 1;
    (byDifficulty[r.difficulty] ??= {})[outcome] = (byDifficulty[r.difficulty][outcome] ?? 0) + 1;
    if (r.opened_at && r.decided_at) days.push((new Date(r.decided_at).getTime() - new Date(r.opened_at).getTime()) / 86_400_000);
  }
  const decided = rows.filter((r) => r.outcome).length;
  const agreements = rows.filter((r) => r.outcome === 'agreement').length;
  return {
    total: rows.length,
    decided,
    agreementRate: decided ? agreements / decided : null,
    averageDaysToOutcome: days.length ? days.reduce((a, b) => a + b, 0) / days.length : null,
    byTypeAndOutcome,
    byDifficulty,
  };
}
