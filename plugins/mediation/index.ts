import { authedProcedure, definePlugin, ForbiddenError, pluginApi, router, schemaInput, serviceContext, systemContext, ValidationError, type EntityRecord, type Runtime } from '../../core/plugin-sdk';
import { courtCaseStatus, deliverToCourt, issueCourtKey, receiveCourtPush } from './court';
import { mediationEntity } from './entities';
import { messages } from './messages';
import { migrations } from './migrations';
import { afterMediationTransition, mediationStats } from './outcomes';
import settingsSchema from './settings.schema.json';
import type { MediationSettings } from './settings.generated';
import { mediationWorkflow } from './workflow';

const api = (runtime: Runtime) => pluginApi<MediationSettings>(runtime, 'mediation');
const isDispute = (report: EntityRecord) => String(report.data.category ?? '').startsWith('disputes') || report.data.riskType === 'conflictDispute';

/** A mediation case for a grid report of a dispute: same unit, title, risk type and difficulty. */
const mediationFromReport = (report: EntityRecord, difficulty?: string) => ({
  orgUnitId: report.orgUnitId,
  data: {
    title: report.data.title,
    ...(report.data.description ? { description: report.data.description } : {}),
    source: 'gridReport',
    sourceCaseId: report.id,
    riskType: report.data.riskType ?? 'conflictDispute',
    difficulty: difficulty ?? report.data.difficulty ?? 'routine',
  },
});

const PANEL_ROLES = ['patrolOfficer', 'judge', 'prosecutor', 'policeOfficer', 'judicialOfficer', 'lawyer'];
const PANEL_TRANSITIONS = ['holdSession', 'reachAgreement', 'referToCourt', 'withdraw', 'followUp'].map((k) => `transition:${k}`);

/**
 * 五员一律 (Huiji): disputes from grid reports, court pushes and petitions, classified by risk type
 * × difficulty; a panel drawn from the six roles by availability and area; sessions with attendees,
 * minutes and documents; outcomes; agreement follow-ups; statistics; outcomes back to the court.
 */
export default definePlugin<MediationSettings>()({
  name: 'mediation',
  version: '1.0.0',
  label: { 'zh-CN': '五员一律联合调解', en: 'Five officers and one lawyer mediation' },
  settingsSchema,
  entities: [mediationEntity],
  workflows: [mediationWorkflow],
  slaProfiles: (s) => [
    {
      key: 'mediation',
      label: { 'zh-CN': '联合调解时限', en: 'Mediation deadlines' },
      clocks: [
        { key: 'panel', label: { 'zh-CN': '组建调解团', en: 'Form the panel' }, minutes: s.panelWithinHours! * 60 },
        { key: 'session', label: { 'zh-CN': '首次调解', en: 'First session' }, minutes: s.sessionWithinDays! * 1440 },
        { key: 'followUp', label: { 'zh-CN': '协议履行回访', en: 'Follow-up visit' }, minutes: s.followUpAfterDays! * 1440 },
      ],
    },
  ],
  permissions: {
    mediationAll: { actions: ['read', 'create', 'update', 'transition:*'], subject: 'Mediation' },
    mediationSubtree: { actions: ['read', 'create', 'transition:formPanel', ...PANEL_TRANSITIONS], subject: 'Mediation', scope: 'mySubtree' },
    mediationPanel: { actions: ['read', ...PANEL_TRANSITIONS], subject: 'Mediation', scope: 'assignedToMe' },
    mediationReport: { actions: ['create'], subject: 'Mediation' },
    mediationReadMyUnit: { actions: ['read'], subject: 'Mediation', scope: 'myUnit' },
  },
  roles: {
    dispatcher: ['mediationAll'],
    mediator: ['mediationSubtree'],
    communitySecretary: ['mediationSubtree'],
    gridWorker: ['mediationReport', 'mediationReadMyUnit'],
    ...Object.fromEntries(PANEL_ROLES.map((r) => [r, ['mediationPanel']])),
  },
  migrations,
  hooks: {
    afterTransition: (e, plugin) => (e.entity === 'mediationCase' ? afterMediationTransition(e, plugin) : undefined),
  },
  actions: {
    /**
     * For a district's case workflow: `{ "do": "hook", "name": "mediation.openFromCase" }` on the
     * transition that starts mediation opens the mediation case in the same transaction (once).
     */
    openFromCase: async ({ trx, ctx, entity, record }, plugin) => {
      if (entity !== 'incidentCase' || !isDispute(record)) return;
      const table = plugin.runtime.registry.get('mediationCase').table;
      if (await trx.selectFrom(table).select('id').where('sourceCaseId', '=', record.id).executeTakeFirst()) return;
      await plugin.runtime.entities.createWithin(trx, systemContext(ctx.lang), 'mediationCase', mediationFromReport(record));
    },
  },
  jobs: {
    courtOutbox: { schedule: { everyMinutes: 1 }, run: ({ trx }, plugin) => deliverToCourt(plugin, trx) },
  },
  routes: [
    // The court's system: Authorization: Bearer <court key>.
    { method: 'POST', path: 'court-cases', handler: ({ request, body, lang, plugin }) => receiveCourtPush(plugin, request, body, lang) },
    { method: 'GET', path: 'court-cases/:courtRef', handler: ({ request, params, lang, plugin }) => courtCaseStatus(plugin, request, params.courtRef, lang) },
  ],
  routers: router({
    /** A grid report of a dispute becomes a mediation case (its scope and the report's are checked). */
    fromCase: authedProcedure
      .input(schemaInput<{ caseId: string; difficulty?: string }>({
        type: 'object',
        properties: { caseId: { type: 'string', minLength: 1, maxLength: 64 }, difficulty: { enum: ['routine', 'coordinated', 'major'] } },
        required: ['caseId'],
        additionalProperties: false,
      }))
      .mutation(async ({ ctx, input }) => {
        const sctx = serviceContext(ctx);
        const report = await ctx.runtime.entities.get(sctx, 'incidentCase', input.caseId);
        if (!isDispute(report)) {
          const message = api(ctx.runtime).t(ctx.lang, 'fromCaseNotDispute', { id: input.caseId });
          throw new ValidationError(message, [{ path: '/caseId', message, code: 'notDispute' }]);
        }
        return ctx.runtime.entities.create(sctx, 'mediationCase', mediationFromReport(report, input.difficulty));
      }),
    /** A panel member marks themself (un)available for new panels. */
    setAvailability: authedProcedure
      .input(schemaInput<{ available: boolean }>({ type: 'object', properties: { available: { type: 'boolean' } }, required: ['available'], additionalProperties: false }))
      .mutation(async ({ ctx, input }) => {
        const userId = ctx.principal!.id;
        if (!ctx.principal!.assignments.some((a) => PANEL_ROLES.includes(a.role))) throw new ForbiddenError(api(ctx.runtime).t(ctx.lang, 'notPanelMember'));
        const row = { user_id: userId, available: input.available ? 1 : 0, updated_at: ctx.runtime.now().toISOString() };
        await ctx.runtime.db.insertInto('md_availability').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet({ available: row.available, updated_at: row.updated_at })).execute();
        return { available: input.available };
      }),
    sessions: authedProcedure
      .input(schemaInput<{ id: string }>({ type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'], additionalProperties: false }))
      .query(async ({ ctx, input }) => {
        await ctx.runtime.entities.get(serviceContext(ctx), 'mediationCase', input.id);
        const [panel, sessions, followUps] = await Promise.all([
          ctx.runtime.db.selectFrom('md_panel').select(['role', 'user_id', 'drawn_at', 'released_at']).where('mediation_id', '=', input.id).orderBy('role').execute(),
          ctx.runtime.db.selectFrom('md_session').selectAll().where('mediation_id', '=', input.id).orderBy('held_at').execute(),
          ctx.runtime.db.selectFrom('md_follow_up').selectAll().where('mediation_id', '=', input.id).orderBy('at').execute(),
        ]);
        return {
          panel,
          sessions: sessions.map((s) => ({ id: s.id, heldAt: s.held_at, attendees: JSON.parse(s.attendees), minutes: s.minutes, documents: JSON.parse(s.documents) })),
          followUps: followUps.map((f) => ({ at: f.at, fulfilled: !!Number(f.fulfilled), note: f.note })),
        };
      }),
    stats: authedProcedure.query(({ ctx }) => mediationStats(api(ctx.runtime), serviceContext(ctx))),
    issueCourtKey: authedProcedure
      .input(schemaInput<{ label: string }>({ type: 'object', properties: { label: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['label'], additionalProperties: false }))
      .mutation(({ ctx, input }) => {
        if (!ctx.ability!.can('manage', 'all')) throw new ForbiddenError(api(ctx.runtime).t(ctx.lang, 'adminOnly'));
        return issueCourtKey(api(ctx.runtime), input.label);
      }),
  }),
  ui: {
    menu: [{ key: 'mediation', label: { 'zh-CN': '五员一律调解', en: 'Mediation' }, path: '/entities/mediationCase', permission: { action: 'read', subject: 'Mediation' } }],
    cards: [{ key: 'stats', label: { 'zh-CN': '调解成效', en: 'Mediation outcomes' }, query: 'stats', kind: 'chart' }],
  },
  messages,
});
