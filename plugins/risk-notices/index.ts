import { authedProcedure, definePlugin, ForbiddenError, pluginApi, router, schemaInput, type ApiContext, type Runtime } from '../../core/plugin-sdk';
import { seedDemoLeads } from './demo-leads';
import { decide, holdMeeting, listMeetings, listNotices, meeting, performance, type DecisionInput, type MeetingInput } from './meetings';
import { messages } from './messages';
import { migrations } from './migrations';
import { closeNotice, escalateOverdue, noticeSchema, type Actor } from './notices';
import settingsSchema from './settings.schema.json';
import type { RiskNoticesSettings } from './settings.generated';

const api = (runtime: Runtime) => pluginApi<RiskNoticesSettings>(runtime, 'risk-notices');
const MEETINGS = ['dailyJointAssessment', 'weeklyRiskAssignment', 'districtCrisisControl'];
const id = { type: 'string', minLength: 1, maxLength: 64 };

const isAnalyst = (ctx: ApiContext) => ctx.ability!.can('manage', 'RiskNotice');
function requireAnalyst(ctx: ApiContext) {
  if (!isAnalyst(ctx)) throw new ForbiddenError(api(ctx.runtime).t(ctx.lang, 'forbidden'));
}
const actor = (ctx: ApiContext): Actor => ({ lang: ctx.lang, userId: ctx.principal!.id, analyst: isAnalyst(ctx), unitIds: ctx.principal!.assignments.map((a) => a.unitId) });

/**
 * 三会两单 (Zhongzhan): the daily joint assessment, weekly risk assignment and district crisis
 * control meetings, each with an agenda of open high risks and overdue cases across departments;
 * decisions issue risk reminder notices with a deadline to a unit; a reminder still open at its
 * deadline becomes a risk supervision notice for the weekly meeting (a durable job); notices are
 * closed off with evidence; per-unit counts feed performance assessment.
 */
export default definePlugin<RiskNoticesSettings>()({
  name: 'risk-notices',
  version: '1.0.0',
  label: { 'zh-CN': '三会两单', en: 'Risk meetings and notices' },
  settingsSchema,
  migrations,
  permissions: {
    riskNoticeManage: { actions: ['manage'], subject: 'RiskNotice' },
    // The units notices go to (departments, subdistricts) read their own: the procedure filters by unit.
    riskNoticeRead: { actions: ['read'], subject: 'RiskNotice' },
  },
  roles: { riskAnalyst: ['riskNoticeManage'], dispatcher: ['riskNoticeManage'], departmentHandler: ['riskNoticeRead'], subdistrictOfficer: ['riskNoticeRead'] },
  // The departments' problem leads the demo's agendas discuss (the seeded cases sit in grids).
  seed: (plugin) => seedDemoLeads(plugin),
  jobs: {
    escalate: { schedule: (s) => ({ everyMinutes: s.checkEveryMinutes! }), run: ({ trx }, plugin) => escalateOverdue(plugin, trx).then(() => undefined) },
  },
  routers: router({
    holdMeeting: authedProcedure
      .input(schemaInput<MeetingInput>({
        type: 'object',
        properties: {
          kind: { enum: MEETINGS },
          heldAt: { type: 'string', format: 'date-time' },
          attendees: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 50 }, unitId: id }, required: ['name'], additionalProperties: false } },
        },
        required: ['kind', 'attendees'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => (requireAnalyst(ctx), holdMeeting(api(ctx.runtime), ctx.principal!.id, input, ctx.lang))),
    meetings: authedProcedure
      .input(schemaInput<{ kind?: string }>({ type: 'object', properties: { kind: { enum: MEETINGS } }, additionalProperties: false }))
      .query(({ ctx, input }) => (requireAnalyst(ctx), listMeetings(api(ctx.runtime), input))),
    /** The meeting kinds the district holds, with their labels (settings). */
    meetingKinds: authedProcedure.query(({ ctx }) => (requireAnalyst(ctx), (api(ctx.runtime).settings.meetings ?? []).map((m) => ({ key: m.key, label: m.label ?? null, cadence: m.cadence ?? null })))),
    meeting: authedProcedure
      .input(schemaInput<{ id: string }>({ type: 'object', properties: { id }, required: ['id'], additionalProperties: false }))
      .query(({ ctx, input }) => (requireAnalyst(ctx), meeting(api(ctx.runtime), input.id, ctx.lang))),
    decide: authedProcedure
      .input(schemaInput<DecisionInput>({
        type: 'object',
        properties: { meetingId: id, text: { type: 'string', minLength: 2, maxLength: 2000 }, caseId: id, notice: noticeSchema },
        required: ['meetingId', 'text'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => (requireAnalyst(ctx), decide(api(ctx.runtime), input, ctx.lang))),
    /** An analyst sees every notice, anyone else their own units'. */
    notices: authedProcedure
      .input(schemaInput<{ status?: string; kind?: string }>({ type: 'object', properties: { status: { enum: ['open', 'overdue', 'closed'] }, kind: { enum: ['reminder', 'supervision'] } }, additionalProperties: false }))
      .query(({ ctx, input }) => {
        const who = actor(ctx);
        return listNotices(api(ctx.runtime), { ...input, unitIds: who.analyst ? undefined : who.unitIds });
      }),
    closeNotice: authedProcedure
      .input(schemaInput<unknown>({ type: 'object' }))
      .mutation(({ ctx, input }) => closeNotice(api(ctx.runtime), actor(ctx), input)),
    performance: authedProcedure
      .input(schemaInput<{ from?: string; to?: string }>({ type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } }, additionalProperties: false }))
      .query(({ ctx, input }) => (requireAnalyst(ctx), performance(api(ctx.runtime), input))),
  }),
  ui: {
    pages: [
      { key: 'meetings', label: { 'zh-CN': '三会', en: 'Risk meetings' }, permission: { action: 'manage', subject: 'RiskNotice' } },
      // A unit sees its own notices (the procedure filters by unit), an analyst all.
      { key: 'notices', label: { 'zh-CN': '两单', en: 'Risk notices' }, permission: { action: 'read', subject: 'RiskNotice' } },
    ],
    cards: [{ key: 'performance', label: { 'zh-CN': '两单办理考核', en: 'Notices by unit' }, query: 'performance', kind: 'list' }],
  },
  messages,
});
