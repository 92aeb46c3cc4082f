import { guard } from '@ucast/mongo2js';
import type { ValidateFunction } from 'ajv';
import type { Kysely, Transaction } from 'kysely';
import { recordSubject } from '../access/subject-object';
import type { AuditEntryInput } from '../audit';
import { ajvIssues, createAjv, type DistrictBundle, type WorkflowDefinition } from '../config';
import { newRecordId, systemContext, type CompiledEntity, type EntityRecord, type EntityService, type ServiceContext } from '../entities';
import { decodeRow } from '../entities/record-codec';
import { affectedRows } from '../db';
import { assignmentsOf, moveState, responsibleUnitOf } from './transition-statements';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { t } from '../i18n';
import { cancelJobs, scheduleJob, type Job } from '../jobs';
import type { OrgDirectory } from '../org';
import { flushEvents, pushEvent, runActions, stopClocks, type ActionContext, type StartedClock } from './run-actions';
import { batchable, startRecords } from './start-records';
import { breachClocks } from './breach-batch';
import { retimeClocks, type RetimedClock } from './retime-clocks';
import { startSkippedClocks } from './start-skipped-clocks';
import { runningClocks, type BreachHook, type NamedActionEvent, type NamedActionHandler, type TransitionHook } from './workflow-hooks';

type Transition = WorkflowDefinition['transitions'][number];

interface TimelineEventRow {
  id: string;
  at: string;
  actor_id: string | null;
  type: string;
  transition: string | null;
  from_state: string | null;
  to_state: string | null;
  unit_id: string | null;
}

export interface FireInput {
  /** The version the person saw; a transition on a changed record is a conflict. */
  version?: number;
  form?: Record<string, unknown>;
}

export interface WorkflowDeps {
  db: Kysely<any>;
  /**
   * Runs a transition's writes in a transaction and answers after its commit. The runtime passes
   * a group commit on SQLite (concurrent transitions share one durable commit); default: a
   * transaction of its own.
   */
  commit?: <T>(work: (trx: Transaction<any>) => Promise<T>) => Promise<T>;
  bundle: DistrictBundle;
  org: OrgDirectory;
  entities: EntityService;
  audit: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;
  now: () => Date;
}

export const CLOCK_DUE = 'clock.due';
export const CLOCK_SUPERVISE = 'clock.supervise';

/**
 * Runs records through their workflow: checks who may fire what, validates the transition's form,
 * moves the state with optimistic concurrency, and applies the transition's and the new state's
 * actions (clocks, assignment, escalation, co-handling tasks, notices) in the same transaction as
 * the state change and its audit entry.
 */
export class WorkflowEngine {
  private readonly forms = new Map<string, ValidateFunction>();
  private readonly ajv = createAjv({ useDefaults: true });

  constructor(private readonly deps: WorkflowDeps) {}

  private readonly transitionHooks: TransitionHook[] = [];
  private readonly breachHooks: BreachHook[] = [];

  /** Appends an observer of every transition, run in the transition's transaction (a throw rolls it back). */
  onTransition(hook: TransitionHook): void {
    this.transitionHooks.push(hook);
  }

  /** Appends an observer of breached clocks, run in the breach job's transaction. */
  onBreach(hook: BreachHook): void {
    this.breachHooks.push(hook);
  }

  private namedActions?: NamedActionHandler;

  /** Set once by the runtime: who runs `{ "do": "hook", "name": … }` actions (the plugin host). */
  onNamedAction(handler: NamedActionHandler): void {
    this.namedActions = handler;
  }

  async runNamedAction(trx: Kysely<any>, ctx: ServiceContext, name: string, event: NamedActionEvent): Promise<void> {
    await this.namedActions?.(trx, ctx, name, event);
  }

  private async breach(trx: Transaction<any>, jobs: Job<{ clockId: string }>[]): Promise<void> {
    // Only with observers: the breach path is hot and the extra read is theirs.
    const breached = this.breachHooks.length ? await runningClocks(trx, jobs) : [];
    await breachClocks(trx, this.deps, jobs);
    if (breached.length) for (const hook of this.breachHooks) await hook(trx, breached);
  }

  /** Transitions this actor may fire on this record now (state, role, permission and guard). */
  async available(ctx: ServiceContext, entityName: string, id: string) {
    const { entity, workflow } = this.resolve(ctx, entityName);
    const visible = await this.deps.entities.get(ctx, entityName, id);
    const record = await this.raw(entityName, id);
    const subject = await this.subjectOf(entity, record);
    return workflow.transitions
      .filter((tr) => !tr.system && tr.from.includes(record.status ?? ''))
      .filter((tr) => this.permitted(ctx, tr, subject))
      .filter((tr) => !tr.guard || guard(tr.guard as never)(record.data))
      .map((tr) => ({ key: tr.key, label: tr.label, to: tr.to, form: tr.form ?? null, version: visible.version }));
  }

  async fire(ctx: ServiceContext, entityName: string, id: string, key: string, input: FireInput = {}): Promise<EntityRecord> {
    const { entity, workflow } = this.resolve(ctx, entityName);
    const transition = workflow.transitions.find((tr) => tr.key === key);
    if (!transition) {
      const message = t(ctx.lang, 'workflow.unknownTransition', { transition: key });
      throw new ValidationError(message, [{ path: '/transition', message, code: 'unknownTransition' }]);
    }
    const person = !!ctx.ability;
    // Scoped read: 404, or a logged 403 when the case is outside the actor's reach.
    const record = await this.deps.entities.getForWrite(person ? ctx : systemContext(ctx.lang), entityName, id);
    if (person && transition.system) throw this.forbidden(ctx, key);
    if (!transition.from.includes(record.status ?? '')) throw this.wrongState(ctx, key, record.status);
    if (person && !this.permitted(ctx, transition, await this.subjectOf(entity, record))) throw this.forbidden(ctx, key);
    if (transition.guard && !guard(transition.guard as never)(record.data)) {
      const message = t(ctx.lang, 'workflow.guard', { transition: key });
      throw new ValidationError(message, [{ path: '/transition', message, code: 'guard' }]);
    }
    const form = this.validateForm(ctx, workflow, transition, input.form ?? {});
    if (input.version !== undefined && input.version !== record.version) {
      throw new ConflictError(t(ctx.lang, 'conflict.staleVersion', { current: record.version, given: input.version }), [
        { path: '/version', message: t(ctx.lang, 'conflict.staleVersion', { current: record.version, given: input.version }), code: 'staleVersion' },
      ]);
    }
    const work = (trx: Transaction<any>) => this.apply(trx, ctx, entity, workflow, record, transition, form);
    const moved = await (this.deps.commit ? this.deps.commit(work) : this.deps.db.transaction().execute(work));
    return this.deps.entities.present(ctx, entityName, moved);
  }

  /** Runs after a record is created, in its transaction: the initial state's actions. */
  async onCreated(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, records: EntityRecord[]): Promise<void> {
    const workflow = entity.workflow;
    if (!workflow) return;
    const initial = workflow.states.find((s) => s.key === workflow.initial);
    // New records have no clocks or timers yet, so the common start-up actions go in bulk.
    if (batchable(initial?.onEnter ?? [])) return startRecords(trx, this.deps, ctx, entity, records, initial?.onEnter ?? []);
    for (const record of records) {
      await this.event(trx, ctx, entity, record, { type: 'created', to_state: record.status, unit_id: record.orgUnitId });
      if (initial?.onEnter?.length) await runActions(this.actionContext(trx, ctx, entity, workflow, record, {}), initial.onEnter);
    }
  }

  /** State change, event, actions and audit: one transaction. Exposed for system follow-ups. */
  async apply(
    trx: Kysely<any>,
    ctx: ServiceContext,
    entity: CompiledEntity,
    workflow: WorkflowDefinition,
    record: EntityRecord,
    transition: Transition,
    form: Record<string, unknown>,
  ): Promise<EntityRecord> {
    const now = this.deps.now().toISOString();
    const result = await moveState.execute(
      trx,
      { to: transition.to, version: record.version + 1, now, actor: ctx.actor?.id ?? null, id: record.id, from: record.status, seen: record.version },
      entity.table,
    );
    if (affectedRows(result) === 0) {
      const current = await trx.selectFrom(entity.table).select(['status']).where('id', '=', record.id).executeTakeFirst();
      throw this.wrongState(ctx, transition.key, current?.status ?? null, true);
    }
    const moved: EntityRecord = { ...record, status: transition.to, version: record.version + 1, updatedAt: now, updatedBy: ctx.actor?.id ?? null };
    const actx = this.actionContext(trx, ctx, entity, workflow, moved, form);
    pushEvent(actx, 'transition', null, Object.keys(form).length ? form : null);
    Object.assign(actx.events[0], { transition: transition.key, from_state: record.status, to_state: transition.to });
    await runActions(actx, transition.actions ?? [], false);
    const target = workflow.states.find((s) => s.key === transition.to);
    await runActions(actx, target?.onEnter ?? [], false);
    await flushEvents(actx);
    await this.deps.audit(trx, [
      {
        actorId: ctx.actor?.id ?? null,
        action: `transition:${transition.key}`,
        subjectType: entity.name,
        subjectId: record.id,
        diff: { changed: { status: { before: record.status, after: transition.to } } },
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
      },
    ]);
    for (const hook of this.transitionHooks) {
      await hook(trx, ctx, { entity, workflow, record: moved, transition: transition.key, from: record.status, to: transition.to, final: !!target?.final, form });
    }
    return moved;
  }

  /** Fires a system transition (no person, no permission check) if the record's state allows it. */
  async fireSystem(trx: Kysely<any>, entity: CompiledEntity, workflow: WorkflowDefinition, recordId: string, key: string, form: Record<string, unknown> = {}): Promise<boolean> {
    const transition = workflow.transitions.find((tr) => tr.key === key);
    const row = await trx.selectFrom(entity.table).selectAll().where('id', '=', recordId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!transition || !row) return false;
    const record = decodeRow(entity, row);
    if (!transition.from.includes(record.status ?? '')) return false;
    await this.apply(trx, systemContext(), entity, workflow, record, transition, form);
    return true;
  }

  /** In the caller's transaction: the case's open clocks follow a change of its SLA profile (see retime-clocks.ts). */
  async retimeClocks(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, recordId: string, data: { before: Record<string, unknown>; after: Record<string, unknown> }): Promise<RetimedClock[]> {
    return retimeClocks(trx, this.deps, ctx, entity, recordId, data);
  }

  /**
   * In the caller's transaction, after `record`'s data (as given) changed its SLA profile from the
   * one `before` implied: the clocks its path started that the old profile skipped (see start-skipped-clocks.ts).
   */
  async startSkippedClocks(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, record: EntityRecord, before: Record<string, unknown>): Promise<StartedClock[]> {
    if (!entity.workflow) return [];
    return startSkippedClocks(this.actionContext(trx, ctx, entity, entity.workflow, record, {}), before);
  }

  /** Job handler: a clock's deadline passed (a batch of one; see breach-batch.ts). */
  async clockDue(job: Job<{ clockId: string }>, trx: Transaction<any>): Promise<void> {
    await this.breach(trx, [job]);
  }

  /** Batch job handler: many deadlines passed together, handled with set-based statements. */
  async clockDueBatch(jobs: Job<{ clockId: string }>[], trx: Transaction<any>): Promise<void> {
    await this.breach(trx, jobs);
  }

  /** Job handler: still overdue a while after the breach — a supervision notice with a deadline. */
  async clockSupervise(job: Job<{ clockId: string }>, trx: Transaction<any>): Promise<void> {
    const clock = await trx.selectFrom('case_clock').selectAll().where('id', '=', job.payload.clockId).executeTakeFirst();
    if (!clock || clock.status !== 'breached' || clock.stopped_at) return;
    const entity = this.deps.entities.registry.get(clock.entity);
    const row = await trx.selectFrom(entity.table).selectAll().where('id', '=', clock.record_id).executeTakeFirst();
    if (!row) return;
    const record = decodeRow(entity, row);
    const minutes = entity.workflow?.supervision?.supervisionDeadlineMinutes ?? 1440;
    const deadline = new Date(this.deps.now().getTime() + minutes * 60_000).toISOString();
    const unitId = (await this.responsibleUnit(trx, entity, record.id)) ?? record.orgUnitId;
    await this.issueNotice(trx, entity, record, clock.id, 'supervision', unitId, deadline);
    await this.deps.audit(trx, [{ actorId: 'system', action: 'notice.supervision', subjectType: entity.name, subjectId: record.id, diff: { clock: clock.clock, unitId, deadline } }]);
  }

  private async issueNotice(trx: Kysely<any>, entity: CompiledEntity, record: EntityRecord, clockId: string, kind: 'reminder' | 'supervision', unitId: string, deadline: string | null) {
    const now = this.deps.now().toISOString();
    const id = newRecordId(this.deps.now().getTime());
    await trx
      .insertInto('notice')
      .values({ id, entity: entity.name, record_id: record.id, clock_id: clockId, kind, unit_id: unitId, issued_at: now, deadline_at: deadline, status: 'open', closed_at: null, closed_reason: null })
      .execute();
    await this.event(trx, systemContext(), entity, record, { type: `notice.${kind}`, unit_id: unitId, data: { noticeId: id, deadline } });
    await trx.insertInto('notification').values({ id: newRecordId(), entity: entity.name, record_id: record.id, unit_id: unitId, role: null, kind: `notice.${kind}`, at: now, data: JSON.stringify({ noticeId: id, deadline }) }).execute();
  }

  async responsibleUnit(db: Kysely<any>, entity: CompiledEntity, recordId: string): Promise<string | undefined> {
    const { rows } = await responsibleUnitOf.execute<{ unit_id: string | null }>(db, { entity: entity.name, recordId });
    return rows[0]?.unit_id ?? undefined;
  }

  async event(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, record: EntityRecord, e: { type: string; transition?: string; from_state?: string | null; to_state?: string | null; unit_id?: string | null; data?: unknown }) {
    await trx
      .insertInto('case_event')
      .values({
        id: newRecordId(this.deps.now().getTime()),
        entity: entity.name,
        record_id: record.id,
        at: this.deps.now().toISOString(),
        actor_id: ctx.actor?.id ?? null,
        type: e.type,
        transition: e.transition ?? null,
        from_state: e.from_state ?? null,
        to_state: e.to_state ?? null,
        unit_id: e.unit_id ?? null,
        data: e.data === undefined || e.data === null ? null : JSON.stringify(e.data),
      })
      .execute();
  }

  actionContext(trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, workflow: WorkflowDefinition, record: EntityRecord, form: Record<string, unknown>): ActionContext {
    return { trx, ctx, entity, workflow, record, form, engine: this, deps: this.deps, schedule: scheduleJob, cancel: cancelJobs, events: [] };
  }

  resolve(ctx: ServiceContext, entityName: string): { entity: CompiledEntity; workflow: WorkflowDefinition } {
    const entity = this.deps.entities.registry.get(entityName, ctx.lang);
    if (!entity.workflow) {
      const message = t(ctx.lang, 'workflow.none', { entity: entityName });
      throw new ValidationError(message, [{ path: '/entity', message, code: 'noWorkflow' }]);
    }
    return { entity, workflow: entity.workflow };
  }

  async raw(entityName: string, id: string): Promise<EntityRecord> {
    return this.deps.entities.get(systemContext(), entityName, id);
  }

  async subjectOf(entity: CompiledEntity, record: EntityRecord) {
    const { rows: assigned } = await assignmentsOf.execute<{ unit_id: string; user_id: string }>(this.deps.db, { entity: entity.name, recordId: record.id });
    return recordSubject(entity, record, {
      orgPath: this.deps.org.get(record.orgUnitId)?.path ?? '',
      assignedUnitIds: assigned.map((a) => a.unit_id).filter(Boolean),
      assignedUserIds: assigned.map((a) => a.user_id).filter(Boolean),
    });
  }

  /** The actor holds a role the transition names, and their rules allow it on this record. */
  private permitted(ctx: ServiceContext, tr: Transition, subject: ReturnType<typeof recordSubject>): boolean {
    if (!ctx.ability) return true;
    if (tr.roles.length && !(ctx.roles ?? []).some((r) => tr.roles.includes(r))) return false;
    return ctx.ability.can(`transition:${tr.key}`, subject);
  }

  private validateForm(ctx: ServiceContext, workflow: WorkflowDefinition, tr: Transition, form: Record<string, unknown>): Record<string, unknown> {
    if (!tr.form) {
      if (Object.keys(form).length) {
        const message = t(ctx.lang, 'validation.unknownField', { field: Object.keys(form)[0] });
        throw new ValidationError(message, [{ path: `/form/${Object.keys(form)[0]}`, message, code: 'unknownField' }]);
      }
      return {};
    }
    const cacheKey = `${workflow.name}:${tr.key}`;
    let validate = this.forms.get(cacheKey);
    if (!validate) this.forms.set(cacheKey, (validate = this.ajv.compile({ ...tr.form.schema, additionalProperties: false })));
    const data = structuredClone(form);
    if (!validate(data)) {
      const issues = ajvIssues(validate.errors, ctx.lang).map((i) => ({ ...i, path: `/form${i.path === '/' ? '' : i.path}` }));
      throw new ValidationError(t(ctx.lang, 'validation.failed', { count: issues.length }), issues);
    }
    return data;
  }

  private wrongState(ctx: ServiceContext, key: string, state: string | null, raced = false) {
    const message = t(ctx.lang, raced ? 'workflow.raced' : 'workflow.wrongState', { transition: key, state: state ?? '—' });
    return new ConflictError(message, [{ path: '/transition', message, code: 'wrongState' }]);
  }

  private forbidden(ctx: ServiceContext, key: string) {
    return new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: `transition:${key}`, entity: 'Case' }));
  }

  /** A co-handling unit finishes its task; when the completion rule holds, the case moves on. */
  async completeTask(ctx: ServiceContext, entityName: string, id: string, taskId: string, result: string): Promise<EntityRecord> {
    const { entity, workflow } = this.resolve(ctx, entityName);
    if (ctx.ability) await this.deps.entities.get(ctx, entityName, id);
    const task = await this.deps.db.selectFrom('case_task').selectAll().where('id', '=', taskId).where('record_id', '=', id).executeTakeFirst();
    if (!task) throw new NotFoundError(t(ctx.lang, 'notFound.record', { entity: 'task', id: taskId }));
    if (ctx.ability && !(ctx.units ?? []).includes(task.unit_id)) throw new ForbiddenError(t(ctx.lang, 'workflow.taskNotYours'));
    const record = await this.raw(entityName, id);
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.now().toISOString();
      const done = await trx
        .updateTable('case_task')
        .set({ status: 'done', done_at: now, done_by: ctx.actor?.id ?? null, result })
        .where('id', '=', taskId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) throw new ConflictError(t(ctx.lang, 'workflow.taskDone'), [{ path: '/taskId', message: t(ctx.lang, 'workflow.taskDone'), code: 'taskDone' }]);
      const actx = this.actionContext(trx, ctx, entity, workflow, record, {});
      await stopClocks(actx, '*', taskId);
      await flushEvents(actx);
      await this.event(trx, ctx, entity, record, { type: 'task.done', unit_id: task.unit_id, data: { taskId, result } });
      await this.deps.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'task.done', subjectType: entity.name, subjectId: id, diff: { taskId, unitId: task.unit_id }, requestId: ctx.requestId ?? null }]);
      const tasks = await trx.selectFrom('case_task').select(['status', 'lead']).where('entity', '=', entity.name).where('record_id', '=', id).execute();
      const complete = task.completion === 'lead' ? tasks.some((x) => Number(x.lead) === 1 && x.status === 'done') : tasks.every((x) => x.status === 'done');
      if (complete && task.on_complete) await this.fireSystem(trx, entity, workflow, id, task.on_complete);
    });
    return this.deps.entities.get(ctx.ability ? ctx : systemContext(ctx.lang), entityName, id);
  }

  /** The reporter rates a closed case (1 very dissatisfied … 5 very satisfied); low ratings reopen it. */
  async rate(ctx: ServiceContext, entityName: string, id: string, rating: number, comment?: string): Promise<{ reopened: boolean }> {
    const { entity, workflow } = this.resolve(ctx, entityName);
    if (ctx.ability) await this.deps.entities.get(ctx, entityName, id);
    const record = await this.raw(entityName, id);
    const notRateable = () => new ForbiddenError(t(ctx.lang, 'workflow.notRateable'));
    if (ctx.actor && ctx.ability && record.createdBy !== ctx.actor.id) throw notRateable();
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      throw new ValidationError(t(ctx.lang, 'validation.failed', { count: 1 }), [{ path: '/rating', message: '1–5', code: 'range' }]);
    }
    let reopened = false;
    await this.deps.db.transaction().execute(async (trx) => {
      const requested = await trx
        .selectFrom('case_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity', '=', entity.name)
        .where('record_id', '=', id)
        .where('type', '=', 'satisfaction.requested')
        .executeTakeFirstOrThrow();
      const round = Number(requested.n);
      const final = workflow.states.find((s) => s.key === record.status)?.final;
      if (!round || !final) throw new ConflictError(t(ctx.lang, 'workflow.notRateable'), [{ path: '/rating', message: t(ctx.lang, 'workflow.notRateable'), code: 'notRateable' }]);
      const already = await trx.selectFrom('satisfaction').select('id').where('entity', '=', entity.name).where('record_id', '=', id).where('round', '=', round).executeTakeFirst();
      if (already) throw new ConflictError(t(ctx.lang, 'workflow.notRateable'), [{ path: '/rating', message: t(ctx.lang, 'workflow.notRateable'), code: 'alreadyRated' }]);
      await trx
        .insertInto('satisfaction')
        .values({ id: newRecordId(), entity: entity.name, record_id: id, round, rating, comment: comment ?? null, actor_id: ctx.actor?.id ?? null, at: this.deps.now().toISOString() })
        .execute();
      await this.event(trx, ctx, entity, record, { type: 'satisfaction', data: { rating, comment: comment ?? null, round } });
      await this.deps.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'satisfaction', subjectType: entity.name, subjectId: id, diff: { rating }, requestId: ctx.requestId ?? null }]);
      const rules = workflow.satisfaction;
      if (rules?.reopenTransition && rules.reopenOn?.includes(rating)) {
        reopened = await this.fireSystem(trx, entity, workflow, id, rules.reopenTransition, {});
      }
    });
    return { reopened };
  }

  /** Everything that happened to a case, its clocks with time left, notices, tasks and ratings. */
  async timeline(ctx: ServiceContext, entityName: string, id: string) {
    const record = await this.deps.entities.get(ctx, entityName, id);
    const db = this.deps.db;
    const where = <T extends string>(table: T) => db.selectFrom(table as 'case_event').where('entity', '=', entityName).where('record_id', '=', id);
    const [events, clocks, notices, tasks, ratings] = await Promise.all([
      where('case_event').selectAll().orderBy('id').execute(),
      where('case_clock' as never).selectAll().orderBy('id').execute(),
      where('notice' as never).selectAll().orderBy('id').execute(),
      where('case_task' as never).selectAll().orderBy('id').execute(),
      where('satisfaction' as never).selectAll().orderBy('round').execute(),
    ]);
    const now = this.deps.now().getTime();
    return {
      record,
      events: events.map((e: any) => ({ ...(e as TimelineEventRow), data: e.data ? JSON.parse(e.data) : null })),
      clocks: clocks.map((c: any) => ({
        id: c.id,
        clock: c.clock,
        taskId: c.task_id,
        unitId: c.unit_id,
        startedAt: c.started_at,
        dueAt: c.due_at,
        stoppedAt: c.stopped_at,
        breachedAt: c.breached_at,
        status: c.status,
        // Time left (negative: overdue), in minutes of wall time until the deadline.
        remainingMinutes: c.stopped_at ? null : Math.round((new Date(c.due_at).getTime() - now) / 60_000),
        overdue: !c.stopped_at && new Date(c.due_at).getTime() < now,
      })),
      notices,
      tasks,
      ratings,
    };
  }
}

