import { TRPCError } from '@trpc/server';
import { reachUnit } from '../../access';
import { recategoriseCase } from '../../classifier';
import { readRouting } from '../../geo';
import { t } from '../../i18n';
import type { FilterValue } from '../../entities';
import { openClocks, queueCondition, unitPerformance, type QueueKind } from '../../workflow';
import { serviceContext } from '../context';
import { reportCase } from '../handlers/report-case';
import { schemaInput } from '../input-parser';
import { authedProcedure, router } from '../trpc';

const entity = { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*$', maxLength: 48, default: 'incidentCase' } as const;
const id = { type: 'string', minLength: 1, maxLength: 64 } as const;

const recordInput = schemaInput<{ entity: string; id: string }>({
  type: 'object',
  properties: { entity, id },
  required: ['id'],
  additionalProperties: false,
});
const fireInput = schemaInput<{ entity: string; id: string; transition: string; version?: number; form?: Record<string, unknown> }>({
  type: 'object',
  properties: { entity, id, transition: { type: 'string', maxLength: 48 }, version: { type: 'integer', minimum: 1 }, form: { type: 'object' } },
  required: ['id', 'transition'],
  additionalProperties: false,
});
const queueInput = schemaInput<{
  entity: string;
  kind: QueueKind;
  unit?: string;
  limit?: number;
  cursor?: string | null;
  sort?: { field: string; dir?: 'asc' | 'desc' };
  filter?: Record<string, FilterValue>;
  search?: string;
  orgUnit?: string;
}>({
  type: 'object',
  properties: {
    entity,
    kind: { enum: ['mine', 'unit', 'overdue', 'supervised', 'open'] },
    filter: { type: 'object' },
    search: { type: 'string', maxLength: 200 },
    orgUnit: { type: 'string', maxLength: 64 },
    unit: { type: 'string', maxLength: 64 },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    cursor: { type: ['string', 'null'], maxLength: 2000 },
    sort: { type: 'object', properties: { field: { type: 'string' }, dir: { enum: ['asc', 'desc'] } }, required: ['field'], additionalProperties: false },
  },
  required: ['kind'],
  additionalProperties: false,
});
const taskInput = schemaInput<{ entity: string; id: string; taskId: string; result: string }>({
  type: 'object',
  properties: { entity, id, taskId: id, result: { type: 'string', minLength: 2, maxLength: 2000 } },
  required: ['id', 'taskId', 'result'],
  additionalProperties: false,
});
const rateInput = schemaInput<{ entity: string; id: string; rating: number; comment?: string }>({
  type: 'object',
  properties: { entity, id, rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 1000 } },
  required: ['id', 'rating'],
  additionalProperties: false,
});
const reportInput = schemaInput<{ entity: string; data: Record<string, unknown>; channel?: string }>({
  type: 'object',
  properties: { entity, data: { type: 'object' }, channel: { type: 'string', maxLength: 48 } },
  required: ['data'],
  additionalProperties: false,
});
const clocksInput = schemaInput<{ entity: string; ids: string[] }>({
  type: 'object',
  properties: { entity, ids: { type: 'array', items: id, maxItems: 200 } },
  required: ['ids'],
  additionalProperties: false,
});
const rangeInput = schemaInput<{ from?: string; to?: string }>({
  type: 'object',
  properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } },
  additionalProperties: false,
});
const mergeInput = schemaInput<{ entity: string; primaryId: string; duplicateIds: string[] }>({
  type: 'object',
  properties: { entity, primaryId: id, duplicateIds: { type: 'array', items: id, minItems: 1, maxItems: 50 } },
  required: ['primaryId', 'duplicateIds'],
  additionalProperties: false,
});
const suggestInput = schemaInput<{ entity: string; text: string }>({
  type: 'object',
  properties: { entity, text: { type: 'string', minLength: 2, maxLength: 4000 } },
  required: ['text'],
  additionalProperties: false,
});
const recategoriseInput = schemaInput<{ entity: string; id: string; category: string; version?: number }>({
  type: 'object',
  properties: { entity, id, category: { type: 'string', minLength: 1, maxLength: 64 }, version: { type: 'integer', minimum: 1 } },
  required: ['id', 'category'],
  additionalProperties: false,
});
const limitInput = schemaInput<{ limit?: number }>({
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1, maximum: 200 } },
  additionalProperties: false,
});

/** The case lifecycle: what I may do, doing it, what happened, and the work queues. */
export const caseRouter = router({
  available: authedProcedure.input(recordInput).query(({ ctx, input }) => ctx.runtime.workflow.available(serviceContext(ctx), input.entity, input.id)),
  fire: authedProcedure
    .input(fireInput)
    .mutation(({ ctx, input }) => ctx.runtime.workflow.fire(serviceContext(ctx), input.entity, input.id, input.transition, { version: input.version, form: input.form })),
  /** Where geo routing sent the case and why (reason in the reader's language). */
  routing: authedProcedure.input(recordInput).query(async ({ ctx, input }) => {
    await ctx.runtime.entities.get(serviceContext(ctx), input.entity, input.id);
    const routing = await readRouting(ctx.runtime.db, input.entity, input.id);
    return routing && { ...routing, reasonText: t(ctx.lang, routing.reason.key, routing.reason.params) };
  }),
  /** Duplicate candidates linked on intake, and merges in force. */
  duplicates: authedProcedure.input(recordInput).query(({ ctx, input }) => ctx.runtime.merges.duplicates(serviceContext(ctx), input.entity, input.id)),
  merge: authedProcedure.input(mergeInput).mutation(({ ctx, input }) => ctx.runtime.merges.merge(serviceContext(ctx), input.entity, input.primaryId, input.duplicateIds)),
  /** Undo a merge: the duplicate (input.id) opens again. */
  split: authedProcedure.input(recordInput).mutation(({ ctx, input }) => ctx.runtime.merges.split(serviceContext(ctx), input.entity, input.id)),
  /** Top-3 categories (with departments) for a report's text, from the district's own closed cases. */
  suggestCategory: authedProcedure.input(suggestInput).query(({ ctx, input }) => ctx.runtime.classifier.suggest(serviceContext(ctx), input.entity, input.text)),
  /** The dispatcher corrects the category (e.g. accepts a suggestion); departments follow the rules. */
  recategorise: authedProcedure.input(recategoriseInput).mutation(async ({ ctx, input }) => {
    const { record, before, after } = await recategoriseCase(ctx.runtime, serviceContext(ctx), input);
    return { id: record.id, version: record.version, category: after.category, departments: after.departments, before };
  }),
  timeline: authedProcedure.input(recordInput).query(({ ctx, input }) => ctx.runtime.workflow.timeline(serviceContext(ctx), input.entity, input.id)),
  queue: authedProcedure.input(queueInput).query(({ ctx, input }) => {
    const sctx = serviceContext(ctx);
    const compiled = ctx.runtime.registry.get(input.entity, ctx.lang);
    const where = queueCondition(compiled, input.kind, { units: sctx.units ?? [], unit: input.unit, now: ctx.runtime.now() });
    const { limit, cursor, sort, filter, search, orgUnit } = input;
    return ctx.runtime.entities.list(sctx, input.entity, { limit, cursor, sort, filter, search, orgUnit, where });
  }),
  /** A case from the app: channel and time set by the server, placed on the grid of its location. */
  report: authedProcedure.input(reportInput).mutation(({ ctx, input }) => reportCase(ctx.runtime, serviceContext(ctx), ctx.principal, input)),
  /** Open clocks of the given cases, soonest first; ids the actor may not read are left out. */
  clocks: authedProcedure.input(clocksInput).query(async ({ ctx, input }) => {
    const compiled = ctx.runtime.registry.get(input.entity, ctx.lang);
    const readable = input.ids.length
      ? await ctx.runtime.entities.scopedQuery(serviceContext(ctx), compiled).select('id').where('id', 'in', input.ids).execute()
      : [];
    return openClocks(ctx.runtime.db, input.entity, readable.map((r) => r.id as string), ctx.runtime.now());
  }),
  completeTask: authedProcedure
    .input(taskInput)
    .mutation(({ ctx, input }) => ctx.runtime.workflow.completeTask(serviceContext(ctx), input.entity, input.id, input.taskId, input.result)),
  rate: authedProcedure.input(rateInput).mutation(({ ctx, input }) => ctx.runtime.workflow.rate(serviceContext(ctx), input.entity, input.id, input.rating, input.comment)),
  /** 考核 figures per unit; a supervisor sees the units in their reach only. */
  performance: authedProcedure.input(rangeInput).query(({ ctx, input }) => {
    if (!ctx.ability.can('supervise', 'Case')) throw new TRPCError({ code: 'FORBIDDEN', message: t(ctx.lang, 'forbidden.action', { action: 'supervise', entity: 'Case' }) });
    const org = ctx.runtime.org;
    const reach = ctx.principal.assignments.map((a) => org.get(a.unitId)).filter((u) => !!u).map((u) => reachUnit(u!, org).path);
    const units = [...org.all()].filter((u) => reach.some((p) => u.path.startsWith(p))).map((u) => u.id);
    return unitPerformance(ctx.runtime.db, { ...input, units });
  }),
  /** Notifications addressed to my units (and my roles there, or to everyone in the unit). */
  notifications: authedProcedure.input(limitInput).query(async ({ ctx, input }) => {
    const org = ctx.runtime.org;
    const pairs = ctx.principal.assignments.map((a) => {
      const unit = org.get(a.unitId);
      return { role: a.role, unitId: unit ? reachUnit(unit, org).id : a.unitId, own: a.unitId };
    });
    if (!pairs.length) return [];
    const rows = await ctx.runtime.db
      .selectFrom('notification')
      .selectAll()
      .where((eb) => eb.or(pairs.flatMap((p) => [eb.and([eb('unit_id', 'in', [p.unitId, p.own]), eb.or([eb('role', 'is', null), eb('role', '=', p.role)])])])))
      .orderBy('at', 'desc')
      .limit(input.limit ?? 50)
      .execute();
    return rows.map((r) => ({ id: r.id as string, entity: r.entity as string | null, record_id: r.record_id as string | null, unit_id: r.unit_id as string, role: r.role as string | null, kind: r.kind as string, at: r.at as string, data: r.data ? JSON.parse(r.data) : null }));
  }),
});
