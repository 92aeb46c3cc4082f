import type { Kysely } from 'kysely';
import { preparedQuery, type PreparedValues } from '../db';
import type { WorkflowDefinition } from '../config';
import type { Action } from '../config/types.generated';
import { newRecordId, type CompiledEntity, type EntityRecord, type ServiceContext } from '../entities';
import { ValidationError } from '../errors';
import { t } from '../i18n';
import type { cancelJobs, scheduleJob } from '../jobs';
import { clockDueAt, clockJobKey as jobKey, profileFor, superviseJobKey } from './clock-profile';
import { escalationTarget } from './unit-resolution';
import type { WorkflowDeps, WorkflowEngine } from './workflow-engine';

export interface ActionContext {
  trx: Kysely<any>;
  ctx: ServiceContext;
  entity: CompiledEntity;
  workflow: WorkflowDefinition;
  record: EntityRecord;
  form: Record<string, unknown>;
  engine: WorkflowEngine;
  deps: WorkflowDeps;
  schedule: typeof scheduleJob;
  cancel: typeof cancelJobs;
  /** Timeline events of this transition, written in one insert by flushEvents(). */
  events: Record<string, unknown>[];
  /** The responsible unit, once looked up (actions in one transition share it). */
  responsible?: string;
}

/** Queues a timeline event; flushEvents() writes the queue. */
export function pushEvent(a: ActionContext, type: string, unitId: string | null, data: unknown = null): void {
  const now = a.deps.now();
  a.events.push({
    id: newRecordId(now.getTime()),
    entity: a.entity.name,
    record_id: a.record.id,
    at: now.toISOString(),
    actor_id: a.ctx.actor?.id ?? null,
    type,
    transition: null,
    from_state: null,
    to_state: null,
    unit_id: unitId,
    data: data === null || data === undefined ? null : JSON.stringify(data),
  });
}

const EVENT_COLUMNS = ['id', 'entity', 'record_id', 'at', 'actor_id', 'type', 'transition', 'from_state', 'to_state', 'unit_id', 'data'] as const;

/** One insert of n events (the shape is the row count: a transition writes a handful). */
const insertEvents = preparedQuery<number>((db, p, n) =>
  db.insertInto('case_event').values(Array.from({ length: n }, (_, i) => Object.fromEntries(EVENT_COLUMNS.map((c) => [c, p[`${i}.${c}`]])))),
);

export async function flushEvents(a: ActionContext): Promise<void> {
  if (!a.events.length) return;
  const events = a.events.splice(0);
  const values: PreparedValues = {};
  events.forEach((e, i) => {
    for (const c of EVENT_COLUMNS) values[`${i}.${c}`] = e[c];
  });
  await insertEvents.execute(a.trx, values, events.length);
}

async function responsibleOf(a: ActionContext): Promise<string> {
  a.responsible ??= (await a.engine.responsibleUnit(a.trx, a.entity, a.record.id)) ?? a.record.orgUnitId;
  return a.responsible;
}

const clockJobKey = (a: ActionContext, clock: string, taskId?: string) => jobKey(a.entity.name, a.record.id, clock, taskId);

/** Runs a list of workflow actions in order, inside the transition's transaction. */
export async function runActions(a: ActionContext, actions: Action[], flush = true): Promise<void> {
  for (const action of actions) {
    switch (action.do) {
      case 'startClock':
        await startClock(a, action.clock!);
        break;
      case 'stopClock':
        await stopClocks(a, action.clock!);
        break;
      case 'assignResponsible':
        await assignResponsible(a, action);
        break;
      case 'escalate':
        await escalate(a, action.level ?? (action.field ? (a.form[action.field] as string | undefined) : undefined));
        break;
      case 'createTasks':
        await createTasks(a, action);
        break;
      case 'notify':
        await notify(a, action.roles ?? [], 'notify');
        break;
      case 'requestSatisfaction':
        pushEvent(a, 'satisfaction.requested', null);
        break;
      case 'closeNotices':
        await closeNotices(a, undefined, 'caseClosed');
        break;
      case 'hook':
        // A named action a plugin provides; without an enabled provider only the event remains.
        pushEvent(a, 'hook', null, { name: action.name });
        await a.engine.runNamedAction(a.trx, a.ctx, action.name ?? '', { entity: a.entity, workflow: a.workflow, record: a.record, form: a.form });
        break;
    }
  }
  if (flush) await flushEvents(a);
}

/** A clock as it was started: what the timeline and a recategorisation's event report. */
export interface StartedClock {
  clock: string;
  clockId: string;
  taskId: string | null;
  unitId: string;
  startedAt: string;
  dueAt: string;
}

/** Starts (or restarts) a clock from the case's SLA profile; a profile without it times nothing. */
export async function startClock(a: ActionContext, clockKey: string, taskId?: string, unitId?: string): Promise<void> {
  const started = await openClock(a, clockKey, { taskId, unitId });
  if (started) pushEvent(a, 'clock.start', started.unitId, { clock: clockKey, clockId: started.clockId, dueAt: started.dueAt, taskId: started.taskId });
}

/**
 * The clock row and its deadline job, without the timeline event (the caller says why it
 * started). `startedAt` (default now) is when the clock counts from: a clock the case should have
 * had since an earlier step gets the deadline it would have had then; a deadline already past is
 * left to the breach sweep, which picks up its due job at once.
 */
export async function openClock(a: ActionContext, clockKey: string, o: { taskId?: string; unitId?: string; startedAt?: Date } = {}): Promise<StartedClock | undefined> {
  const profile = profileFor(a.deps.bundle, a.workflow, a.record.data);
  const def = profile?.clocks.find((c) => c.key === clockKey);
  if (!def) return undefined;
  const { taskId } = o;
  const now = a.deps.now();
  const start = o.startedAt ?? now;
  await cancelRunningClock.execute(a.trx, { stoppedAt: now.toISOString(), entity: a.entity.name, recordId: a.record.id, clock: clockKey, taskId }, taskId ? 'task' : 'case');
  const time = def.time ?? 'calendar';
  const due = clockDueAt(a.deps.bundle, def, start);
  const id = newRecordId(now.getTime());
  const responsible = o.unitId ?? (await responsibleOf(a));
  await insertClock.execute(a.trx, {
    id,
    entity: a.entity.name,
    record_id: a.record.id,
    task_id: taskId ?? null,
    clock: clockKey,
    minutes: def.minutes,
    time,
    unit_id: responsible,
    started_at: start.toISOString(),
    due_at: due.toISOString(),
  });
  await a.schedule(a.trx, { kind: 'clock.due', dueAt: due, payload: { clockId: id }, key: clockJobKey(a, clockKey, taskId) }, now);
  return { clock: clockKey, clockId: id, taskId: taskId ?? null, unitId: responsible, startedAt: start.toISOString(), dueAt: due.toISOString() };
}

/** A restarted clock replaces the running one of the same key (the case's own, or a task's). */
const cancelRunningClock = preparedQuery<'case' | 'task'>((db, p, owner) =>
  db
    .updateTable('case_clock')
    .set({ status: 'cancelled', stopped_at: p.stoppedAt })
    .where('entity', '=', p.entity)
    .where('record_id', '=', p.recordId)
    .where('clock', '=', p.clock)
    .where(owner === 'task' ? (eb) => eb('task_id', '=', p.taskId) : (eb) => eb('task_id', 'is', null))
    .where('status', 'in', ['running', 'breached']),
);

const insertClock = preparedQuery((db, p) =>
  db.insertInto('case_clock').values({
    id: p.id,
    entity: p.entity,
    record_id: p.record_id,
    task_id: p.task_id,
    clock: p.clock,
    minutes: p.minutes,
    time: p.time,
    unit_id: p.unit_id,
    started_at: p.started_at,
    due_at: p.due_at,
    breached_at: null,
    stopped_at: null,
    status: 'running',
  }),
);

/** Running clocks of a case: all ('*'), or one key, of the case itself or of one task. */
const runningClocks = preparedQuery<string>((db, p, shape) => {
  const [which, owner] = shape.split(':');
  return db
    .selectFrom('case_clock')
    .selectAll()
    .where('entity', '=', p.entity)
    .where('record_id', '=', p.recordId)
    .where('status', 'in', ['running', 'breached'])
    .$if(which === 'one', (qb) => qb.where('clock', '=', p.clock))
    .$if(owner === 'task', (qb) => qb.where('task_id', '=', p.taskId))
    .$if(owner === 'case' && which === 'one', (qb) => qb.where('task_id', 'is', null));
});

const stopClock = preparedQuery((db, p) => db.updateTable('case_clock').set({ status: p.status, stopped_at: p.stoppedAt }).where('id', '=', p.id));

/** Stops running clocks: met when before the deadline, late after; their notices are closed (销号). */
export async function stopClocks(a: ActionContext, clockKey: string, taskId?: string): Promise<void> {
  const now = a.deps.now().toISOString();
  const shape = `${clockKey === '*' ? 'all' : 'one'}:${taskId ? 'task' : 'case'}`;
  const { rows: running } = await runningClocks.execute(a.trx, { entity: a.entity.name, recordId: a.record.id, clock: clockKey, taskId }, shape);
  for (const clock of running) {
    const status = clock.due_at >= now ? 'met' : 'late';
    await stopClock.execute(a.trx, { status, stoppedAt: now, id: clock.id });
    await a.cancel(a.trx, { key: clockJobKey(a, clock.clock, clock.task_id ?? undefined) }, a.deps.now());
    // Only a breached clock has a supervision timer and notices to close (销号).
    if (clock.status === 'breached') {
      await a.cancel(a.trx, { key: superviseJobKey(clock.id) }, a.deps.now());
      await closeNotices(a, clock.id, 'clockStopped');
    }
    pushEvent(a, 'clock.stop', null, { clock: clock.clock, clockId: clock.id, status, taskId: clock.task_id });
  }
}

/** Closes open notices (销号): only when their condition — the clock stopped, the case closed — holds. */
async function closeNotices(a: ActionContext, clockId: string | undefined, reason: string): Promise<void> {
  await closeOpenNotices(a.trx, { entity: a.entity.name, recordId: a.record.id, clockId, reason, at: a.deps.now() });
}

/** Closes a case's open notices, all or one clock's, with the reason their condition no longer holds. */
export async function closeOpenNotices(trx: Kysely<any>, n: { entity: string; recordId: string; clockId?: string; reason: string; at: Date }): Promise<void> {
  await trx
    .updateTable('notice')
    .set({ status: 'closed', closed_at: n.at.toISOString(), closed_reason: n.reason })
    .where('entity', '=', n.entity)
    .where('record_id', '=', n.recordId)
    .where('status', '=', 'open')
    .$if(!!n.clockId, (qb) => qb.where('clock_id', '=', n.clockId!))
    .execute();
}

async function setResponsible(a: ActionContext, unitId: string): Promise<void> {
  a.responsible = unitId;
  await a.trx.deleteFrom('record_assignment').where('entity', '=', a.entity.name).where('record_id', '=', a.record.id).where('kind', '=', 'responsible').execute();
  await a.trx
    .insertInto('record_assignment')
    .values({ entity: a.entity.name, record_id: a.record.id, unit_id: unitId, user_id: null, kind: 'responsible', created_at: a.deps.now().toISOString() })
    .execute();
}

async function assignResponsible(a: ActionContext, action: Action): Promise<void> {
  let unitId: string | undefined = a.record.orgUnitId;
  if (action.to === 'formUnit') unitId = a.form[action.field ?? 'unit'] as string | undefined;
  if (action.to === 'parentUnit') {
    unitId = a.deps.org.get(await responsibleOf(a))?.parentId ?? undefined;
  }
  if (!unitId || !a.deps.org.get(unitId)) return;
  await setResponsible(a, unitId);
  pushEvent(a, 'assign', unitId);
}

/** Moves responsibility up the tree (one level, or to a named level) and says so in the history. */
async function escalate(a: ActionContext, level?: string): Promise<void> {
  const from = await responsibleOf(a);
  const target = escalationTarget(a.deps.bundle, a.deps.org, from, level);
  if (!target) {
    pushEvent(a, 'escalate.top', from, { from });
    return;
  }
  await setResponsible(a, target.id);
  // Running clocks now answer to the new level.
  await a.trx
    .updateTable('case_clock')
    .set({ unit_id: target.id })
    .where('entity', '=', a.entity.name)
    .where('record_id', '=', a.record.id)
    .where('status', 'in', ['running', 'breached'])
    .where('task_id', 'is', null)
    .execute();
  pushEvent(a, 'escalate', target.id, { from, to: target.id, level: target.level });
}

/** Co-handling: one task per unit named in the form, each with its own clock and visibility. */
async function createTasks(a: ActionContext, action: Action): Promise<void> {
  const field = action.field ?? 'departments';
  const units = ((a.form[field] as string[] | undefined) ?? []).filter((u, i, all) => all.indexOf(u) === i);
  if (!units.length) return;
  const lead = (a.form.lead as string | undefined) ?? units[0];
  const bad = [...units, lead].filter((u) => !a.deps.org.get(u));
  if (bad.length || !units.includes(lead)) {
    const message = t(a.ctx.lang, 'validation.unknownUnit', { unit: bad[0] ?? lead });
    throw new ValidationError(message, [{ path: `/form/${bad.length ? field : 'lead'}`, message, code: 'unknownUnit' }]);
  }
  const now = a.deps.now().toISOString();
  const profile = profileFor(a.deps.bundle, a.workflow, a.record.data);
  const taskClock = action.clock ?? profile?.clocks[profile.clocks.length - 1]?.key;
  for (const unitId of units) {
    const id = newRecordId(a.deps.now().getTime());
    await a.trx
      .insertInto('case_task')
      .values({ id, entity: a.entity.name, record_id: a.record.id, unit_id: unitId, lead: unitId === lead ? 1 : 0, completion: action.completion ?? 'all', on_complete: action.onComplete ?? null, status: 'open', created_at: now, done_at: null, done_by: null, result: null })
      .execute();
    await a.trx
      .insertInto('record_assignment')
      .values({ entity: a.entity.name, record_id: a.record.id, unit_id: unitId, user_id: null, kind: 'handler', created_at: now })
      .execute();
    pushEvent(a, 'task.created', unitId, { taskId: id, lead: unitId === lead });
    if (taskClock) await startClock(a, taskClock, id, unitId);
    await a.trx.insertInto('notification').values({ id: newRecordId(), entity: a.entity.name, record_id: a.record.id, unit_id: unitId, role: null, kind: 'task', at: now, data: JSON.stringify({ taskId: id }) }).execute();
  }
}

/** A notification to the roles of the responsible unit: addressed to unit + role, one row each. */
async function notify(a: ActionContext, roles: string[], kind: string): Promise<void> {
  const unitId = await responsibleOf(a);
  const now = a.deps.now().toISOString();
  for (const role of roles.length ? roles : [null]) {
    await a.trx.insertInto('notification').values({ id: newRecordId(), entity: a.entity.name, record_id: a.record.id, unit_id: unitId, role, kind, at: now, data: JSON.stringify({ status: a.record.status }) }).execute();
  }
}
