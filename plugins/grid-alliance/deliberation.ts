import type { Kysely } from 'kysely';
import { ConflictError, ForbiddenError, NotFoundError, newRecordId, ValidationError, type PluginApi, type ServiceContext } from '../../core/plugin-sdk';
import { assertInAlliance, assertMember } from './alliance-units';
import type { GridAllianceSettings } from './settings.generated';

type Api = PluginApi<GridAllianceSettings>;

/**
 * Who sees a deliberation: organisers in its subtree, and people below it (the residents and units
 * of the community it concerns). The system itself sees all.
 */
function visibility(plugin: Api, ctx: ServiceContext) {
  if (!ctx.units) return undefined;
  const { org } = plugin.runtime;
  const paths = ctx.units.map((u) => org.get(u)?.path).filter((p): p is string => !!p);
  const ancestors = new Set<string>();
  for (const u of ctx.units) for (let cur = org.get(u); cur; cur = cur.parentId ? org.get(cur.parentId) : undefined) ancestors.add(cur.id);
  return { paths, ancestors: [...ancestors] };
}

function canSee(plugin: Api, ctx: ServiceContext, row: Record<string, any>) {
  const v = visibility(plugin, ctx);
  return !v || v.ancestors.includes(row.org_unit_id) || v.paths.some((p) => row.org_path.startsWith(p));
}

const invalid = (message: string, path: string, code: string) => new ValidationError(message, [{ path, message, code }]);

function assertCan(plugin: Api, ctx: ServiceContext, action: string) {
  if (ctx.ability && !ctx.ability.can(action, 'AllianceDeliberation')) throw new ForbiddenError(plugin.t(ctx.lang, 'forbidden'));
}

/** 协商议事: a topic with options and a deadline, opened for an org unit of the alliance. */
export async function openDeliberation(plugin: Api, ctx: ServiceContext, input: { orgUnitId: string; topic: string; options: string[]; deadline: string }) {
  assertCan(plugin, ctx, 'create');
  assertInAlliance(plugin, ctx.lang, input.orgUnitId, '/orgUnitId');
  const unitPath = plugin.runtime.org.get(input.orgUnitId)!.path;
  const v = visibility(plugin, ctx);
  if (v && !v.paths.some((p) => unitPath.startsWith(p))) throw new ForbiddenError(plugin.t(ctx.lang, 'forbidden'));
  if (new Set(input.options).size !== input.options.length) throw invalid(plugin.t(ctx.lang, 'duplicateOptions'), '/options', 'duplicate');
  const now = plugin.now();
  const deadline = new Date(input.deadline);
  if (!(deadline.getTime() > now.getTime())) throw invalid(plugin.t(ctx.lang, 'deadlineInPast'), '/deadline', 'past');
  const row = {
    id: newRecordId(),
    org_unit_id: input.orgUnitId,
    org_path: unitPath,
    topic: input.topic,
    options: JSON.stringify(input.options),
    deadline: deadline.toISOString(),
    status: 'open',
    created_by: ctx.actor?.id ?? null,
    created_at: now.toISOString(),
    tally: null,
    decision: null,
    decided_at: null,
  };
  await plugin.runtime.db.insertInto('ga_deliberation').values(row).execute();
  return present(row, []);
}

async function openForInput(plugin: Api, trx: Kysely<any>, ctx: ServiceContext, id: string) {
  const { lang } = ctx;
  const row = await trx.selectFrom('ga_deliberation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canSee(plugin, ctx, row)) throw new NotFoundError(plugin.t(lang, 'unknownDeliberation', { id }));
  // The deadline, not the tally job, closes the vote: a late vote is refused even before the job runs.
  if (row.status !== 'open' || plugin.now().getTime() >= new Date(row.deadline).getTime()) {
    throw new ConflictError(plugin.t(lang, 'deadlinePassed', { deadline: row.deadline }), [{ path: '/id', message: plugin.t(lang, 'deadlinePassed', { deadline: row.deadline }), code: 'closed' }]);
  }
  return row;
}

/** Who votes: the person, or a member unit whose representative casts its one vote. */
async function voterOf(plugin: Api, ctx: ServiceContext, memberId?: string) {
  if (!memberId) return `user:${ctx.actor?.id}`;
  await assertMember(plugin, ctx.lang, memberId);
  return `member:${memberId}`;
}

export async function castVote(plugin: Api, ctx: ServiceContext, input: { id: string; option: string; memberId?: string }) {
  assertCan(plugin, ctx, 'vote');
  const voter = await voterOf(plugin, ctx, input.memberId);
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const row = await openForInput(plugin, trx, ctx, input.id);
    if (!(JSON.parse(row.options) as string[]).includes(input.option)) throw invalid(plugin.t(ctx.lang, 'unknownOption', { option: input.option }), '/option', 'unknownOption');
    const previous = await trx.selectFrom('ga_vote').select('voter').where('deliberation_id', '=', input.id).where('voter', '=', voter).executeTakeFirst();
    if (previous) {
      const message = plugin.t(ctx.lang, 'alreadyVoted', { voter });
      throw new ConflictError(message, [{ path: input.memberId ? '/memberId' : '/id', message, code: 'alreadyVoted' }]);
    }
    await trx.insertInto('ga_vote').values({ deliberation_id: input.id, voter, option: input.option, cast_by: ctx.actor?.id ?? 'system', at: plugin.now().toISOString() }).execute();
    return { voter, option: input.option };
  });
}

export async function addComment(plugin: Api, ctx: ServiceContext, input: { id: string; body: string; memberId?: string }) {
  assertCan(plugin, ctx, 'vote');
  const voter = await voterOf(plugin, ctx, input.memberId);
  return plugin.runtime.db.transaction().execute(async (trx) => {
    await openForInput(plugin, trx, ctx, input.id);
    const row = { id: newRecordId(), deliberation_id: input.id, voter, body: input.body, at: plugin.now().toISOString() };
    await trx.insertInto('ga_comment').values(row).execute();
    return { id: row.id, voter, at: row.at };
  });
}

/** Tallies every deliberation whose deadline has passed: the option with most votes wins; a tie or no votes decides nothing. */
export async function tallyDue(plugin: Api, trx: Kysely<any>) {
  const now = plugin.now().toISOString();
  const due = await trx.selectFrom('ga_deliberation').selectAll().where('status', '=', 'open').where('deadline', '<=', now).execute();
  for (const d of due) {
    const votes = await trx.selectFrom('ga_vote').select('option').where('deliberation_id', '=', d.id).execute();
    const tally: Record<string, number> = Object.fromEntries((JSON.parse(d.options) as string[]).map((o) => [o, 0]));
    for (const v of votes) tally[v.option] = (tally[v.option] ?? 0) + 1;
    const top = Math.max(0, ...Object.values(tally));
    const leaders = Object.keys(tally).filter((o) => tally[o] === top);
    const decided = top > 0 && leaders.length === 1;
    await trx
      .updateTable('ga_deliberation')
      .set({ status: decided ? 'decided' : 'noDecision', tally: JSON.stringify(tally), decision: decided ? leaders[0] : null, decided_at: now })
      .where('id', '=', d.id)
      .where('status', '=', 'open')
      .execute();
  }
  return due.length;
}

function present(row: Record<string, any>, comments: Record<string, any>[], votes?: number, myVote: string | null = null) {
  return {
    id: row.id as string,
    orgUnitId: row.org_unit_id as string,
    topic: row.topic as string,
    options: JSON.parse(row.options) as string[],
    deadline: row.deadline as string,
    status: row.status as string,
    tally: row.tally ? (JSON.parse(row.tally) as Record<string, number>) : null,
    decision: (row.decision as string | null) ?? null,
    decidedAt: (row.decided_at as string | null) ?? null,
    votes: votes ?? 0,
    /** The caller's own vote (in person), so the page can show it instead of the ballot. */
    myVote,
    comments: comments.map((c) => ({ voter: c.voter, body: c.body, at: c.at })),
  };
}

export async function deliberationDetail(plugin: Api, ctx: ServiceContext, id: string) {
  assertCan(plugin, ctx, 'read');
  const { db } = plugin.runtime;
  const row = await db.selectFrom('ga_deliberation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canSee(plugin, ctx, row)) throw new NotFoundError(plugin.t(ctx.lang, 'unknownDeliberation', { id }));
  const comments = await db.selectFrom('ga_comment').selectAll().where('deliberation_id', '=', id).orderBy('at').orderBy('id').execute();
  const { n } = await db.selectFrom('ga_vote').select((eb) => eb.fn.countAll().as('n')).where('deliberation_id', '=', id).executeTakeFirstOrThrow();
  const mine = ctx.actor ? await db.selectFrom('ga_vote').select('option').where('deliberation_id', '=', id).where('voter', '=', `user:${ctx.actor.id}`).executeTakeFirst() : undefined;
  return present(row, comments, Number(n), mine?.option ?? null);
}

/** The deliberations the actor may see (scoped in SQL), newest deadline first. */
export async function listDeliberations(plugin: Api, ctx: ServiceContext, filter: { status?: string }) {
  assertCan(plugin, ctx, 'read');
  const v = visibility(plugin, ctx);
  let q = plugin.runtime.db.selectFrom('ga_deliberation').selectAll();
  if (v) {
    q = q.where((eb) =>
      eb.or([
        ...(v.ancestors.length ? [eb('org_unit_id', 'in', v.ancestors)] : []),
        ...v.paths.map((p) => eb.and([eb('org_path', '>=', p), eb('org_path', '<', `${p.slice(0, -1)}0`)])),
      ]),
    );
  }
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('deadline', 'desc').orderBy('id').limit(200).execute();
  return rows.map((r) => present(r, []));
}
