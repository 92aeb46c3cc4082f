import { authedProcedure, definePlugin, pluginApi, router, schemaInput, serviceContext, systemContext, type Runtime } from '../../core/plugin-sdk';
import { assignTask, reportThroughAlliance, type ReportInput, type TaskInput } from './actions';
import { addComment, castVote, deliberationDetail, listDeliberations, openDeliberation, tallyDue } from './deliberation';
import { jointTaskEntity, memberEntity, serviceItemEntity } from './entities';
import { allianceSummary, catalogue, loadFixtures } from './fixtures';
import { messages } from './messages';
import { migrations } from './migrations';
import settingsSchema from './settings.schema.json';
import type { GridAllianceSettings } from './settings.generated';
import { taskWorkflow } from './workflow';

const api = (runtime: Runtime) => pluginApi<GridAllianceSettings>(runtime, 'grid-alliance');
const id = { type: 'string', minLength: 1, maxLength: 64 };
const ORGANISERS = ['subdistrictDispatcher', 'communitySecretary', 'gridLeader'];

/**
 * 网格联盟131 (Zhengzhou, Linshanzhai): member units and a service catalogue; 网格报事 (a report
 * becomes a normal case on the alliance channel), 协商议事 (a deliberation voted on until its
 * deadline, tallied by a job) and 联动办事 (a task for one member on its own clock).
 */
export default definePlugin<GridAllianceSettings>()({
  name: 'grid-alliance',
  version: '1.0.0',
  label: { 'zh-CN': '网格联盟131', en: 'Grid Alliance 131' },
  settingsSchema,
  entities: [memberEntity, serviceItemEntity, jointTaskEntity],
  workflows: [taskWorkflow],
  slaProfiles: (s) => [
    {
      key: 'allianceTask',
      label: { 'zh-CN': '联动办事时限', en: 'Joint action deadlines' },
      clocks: [
        { key: 'respond', label: { 'zh-CN': '成员接单', en: 'Member accepts' }, minutes: s.taskRespondHours! * 60 },
        { key: 'complete', label: { 'zh-CN': '办结', en: 'Finish' }, minutes: s.taskCompleteDays! * 1440 },
      ],
    },
  ],
  permissions: {
    allianceRead: { actions: ['read'], subject: 'AllianceMember' },
    allianceCatalogueRead: { actions: ['read'], subject: 'AllianceServiceItem' },
    allianceOrganise: { actions: ['read', 'create', 'vote'], subject: 'AllianceDeliberation' },
    allianceVote: { actions: ['read', 'vote'], subject: 'AllianceDeliberation' },
    allianceTaskSubtree: { actions: ['read', 'create', 'transition:*'], subject: 'AllianceTask', scope: 'mySubtree' },
  },
  roles: {
    ...Object.fromEntries(ORGANISERS.map((r) => [r, ['allianceRead', 'allianceCatalogueRead', 'allianceOrganise', 'allianceTaskSubtree']])),
    gridWorker: ['allianceRead', 'allianceCatalogueRead', 'allianceVote'],
    resident: ['allianceCatalogueRead', 'allianceVote'],
  },
  migrations,
  // Demo data: the members and the catalogue, placeholders marked as to be named by the district.
  seed: (plugin) => loadFixtures(plugin, systemContext()),
  jobs: {
    tally: { schedule: (s) => ({ everyMinutes: s.tallyEveryMinutes! }), run: ({ trx }, plugin) => tallyDue(plugin, trx) },
  },
  routers: router({
    loadFixtures: authedProcedure.mutation(({ ctx }) => loadFixtures(api(ctx.runtime), serviceContext(ctx))),
    catalogue: authedProcedure.query(({ ctx }) => catalogue(api(ctx.runtime), serviceContext(ctx))),
    summary: authedProcedure.query(({ ctx }) => allianceSummary(api(ctx.runtime), serviceContext(ctx))),
    report: authedProcedure
      .input(schemaInput<ReportInput>({
        type: 'object',
        properties: {
          orgUnitId: id,
          title: { type: 'string', minLength: 2, maxLength: 200 },
          description: { type: 'string', maxLength: 4000 },
          category: { type: 'string', minLength: 1, maxLength: 64 },
          address: { type: 'string', maxLength: 300 },
          memberId: id,
        },
        required: ['orgUnitId', 'title'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => reportThroughAlliance(api(ctx.runtime), serviceContext(ctx), input)),
    assignTask: authedProcedure
      .input(schemaInput<TaskInput>({
        type: 'object',
        properties: { orgUnitId: id, title: { type: 'string', minLength: 2, maxLength: 200 }, memberId: id, serviceItemId: id, sourceCaseId: id },
        required: ['orgUnitId', 'title', 'memberId'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => assignTask(api(ctx.runtime), serviceContext(ctx), input)),
    openDeliberation: authedProcedure
      .input(schemaInput<{ orgUnitId: string; topic: string; options: string[]; deadline: string }>({
        type: 'object',
        properties: {
          orgUnitId: id,
          topic: { type: 'string', minLength: 2, maxLength: 500 },
          options: { type: 'array', minItems: 2, maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 200 } },
          deadline: { type: 'string', format: 'date-time' },
        },
        required: ['orgUnitId', 'topic', 'options', 'deadline'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => openDeliberation(api(ctx.runtime), serviceContext(ctx), input)),
    vote: authedProcedure
      .input(schemaInput<{ id: string; option: string; memberId?: string }>({
        type: 'object',
        properties: { id, option: { type: 'string', minLength: 1, maxLength: 200 }, memberId: id },
        required: ['id', 'option'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => castVote(api(ctx.runtime), serviceContext(ctx), input)),
    comment: authedProcedure
      .input(schemaInput<{ id: string; body: string; memberId?: string }>({
        type: 'object',
        properties: { id, body: { type: 'string', minLength: 1, maxLength: 2000 }, memberId: id },
        required: ['id', 'body'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => addComment(api(ctx.runtime), serviceContext(ctx), input)),
    deliberations: authedProcedure
      .input(schemaInput<{ status?: string }>({ type: 'object', properties: { status: { enum: ['open', 'decided', 'noDecision'] } }, additionalProperties: false }))
      .query(({ ctx, input }) => listDeliberations(api(ctx.runtime), serviceContext(ctx), input)),
    deliberation: authedProcedure
      .input(schemaInput<{ id: string }>({ type: 'object', properties: { id }, required: ['id'], additionalProperties: false }))
      .query(({ ctx, input }) => deliberationDetail(api(ctx.runtime), serviceContext(ctx), input.id)),
  }),
  ui: {
    pages: [
      { key: 'alliance', label: { 'zh-CN': '网格联盟131', en: 'Grid Alliance 131' }, permission: { action: 'read', subject: 'AllianceServiceItem' } },
      { key: 'deliberations', label: { 'zh-CN': '协商议事', en: 'Deliberations' }, permission: { action: 'read', subject: 'AllianceDeliberation' } },
    ],
    menu: [
      { key: 'members', label: { 'zh-CN': '联盟成员', en: 'Alliance members' }, path: '/entities/allianceMember', permission: { action: 'read', subject: 'AllianceMember' } },
      { key: 'tasks', label: { 'zh-CN': '联动办事', en: 'Joint actions' }, path: '/entities/allianceTask', permission: { action: 'read', subject: 'AllianceTask' } },
    ],
    cards: [{ key: 'summary', label: { 'zh-CN': '网格联盟131', en: 'Grid Alliance 131' }, query: 'summary', kind: 'figures' }],
  },
  messages,
});
