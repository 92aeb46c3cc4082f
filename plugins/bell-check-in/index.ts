import { authedProcedure, definePlugin, router, schemaInput, serviceContext, pluginApi, type Runtime } from '../../core/plugin-sdk';
import { bellElderEntity, bellRoundEntity } from './entities';
import { messages } from './messages';
import { elderHistory, monthlyCoverage } from './reports';
import { createRounds } from './rounds';
import settingsSchema from './settings.schema.json';
import type { BellCheckInSettings } from './settings.generated';
import { bellRoundWorkflow } from './workflow';

const api = (runtime: Runtime) => pluginApi<BellCheckInSettings>(runtime, 'bell-check-in');

/** A breached step clock moves the round to the next step by itself. */
const NEXT_ON_BREACH: Record<string, string> = { phone: 'phoneOverdue', visit: 'visitOverdue' };

/**
 * 摇响铃铛 (Zhongzhan): a roster of elders living alone with their building and window; a round
 * per elder per day; the grid worker records each ring (answered / no answer); no answer starts
 * phone → home visit → community secretary, each step with a clock; missed rounds are overdue
 * tasks (reminder notices); history per elder; monthly coverage.
 */
export default definePlugin<BellCheckInSettings>()({
  name: 'bell-check-in',
  version: '1.0.0',
  label: { 'zh-CN': '摇响铃铛', en: 'Bell check-in' },
  settingsSchema,
  entities: [bellElderEntity, bellRoundEntity],
  workflows: [bellRoundWorkflow],
  slaProfiles: (s) => [
    {
      key: 'bellCheckIn',
      label: { 'zh-CN': '摇铃巡访：无应答后10分钟电话、30分钟入户', en: 'Bell rounds: phone within 10 min, visit within 30 min of no answer' },
      clocks: [
        { key: 'ring', label: { 'zh-CN': '摇铃', en: 'Ring' }, minutes: s.ringWithinMinutes! },
        { key: 'phone', label: { 'zh-CN': '电话联系', en: 'Phone call' }, minutes: s.phoneWithinMinutes! },
        { key: 'visit', label: { 'zh-CN': '入户查看', en: 'Home visit' }, minutes: s.visitWithinMinutes! },
        { key: 'secretary', label: { 'zh-CN': '社区书记处置', en: 'Secretary' }, minutes: s.secretaryWithinMinutes! },
      ],
    },
  ],
  permissions: {
    bellElderReadMyUnit: { actions: ['read'], subject: 'BellElder', scope: 'mySubtree' },
    bellElderManageSubtree: { actions: ['create', 'update'], subject: 'BellElder', scope: 'mySubtree' },
    bellRoundWork: { actions: ['read', 'transition:ringAnswered', 'transition:ringNoAnswer', 'transition:phoneAnswered', 'transition:phoneNoAnswer', 'transition:visitFound', 'transition:visitNotFound'], subject: 'BellRound', scope: 'mySubtree' },
    bellRoundSecretary: { actions: ['read', 'transition:secretaryResolve'], subject: 'BellRound', scope: 'mySubtree' },
    bellRoundReadAll: { actions: ['read'], subject: 'BellRound' },
    bellElderReadAll: { actions: ['read'], subject: 'BellElder' },
  },
  roles: {
    gridWorker: ['bellElderReadMyUnit', 'bellElderManageSubtree', 'bellRoundWork'],
    microGridLeader: ['bellElderReadMyUnit', 'bellRoundWork'],
    communitySecretary: ['bellElderReadMyUnit', 'bellElderManageSubtree', 'bellRoundWork', 'bellRoundSecretary'],
    villageSecretary: ['bellElderReadMyUnit', 'bellElderManageSubtree', 'bellRoundWork', 'bellRoundSecretary'],
    subdistrictOfficer: ['bellElderReadMyUnit', 'bellRoundSecretary'],
    dispatcher: ['bellElderReadAll', 'bellRoundReadAll'],
  },
  hooks: {
    onClockBreach: async ({ trx, entity, recordId, clock }, plugin) => {
      const next = NEXT_ON_BREACH[clock];
      if (entity !== 'bellRound' || !next) return;
      const rounds = plugin.runtime.registry.get('bellRound');
      await plugin.runtime.workflow.fireSystem(trx, rounds, rounds.workflow!, recordId, next);
    },
  },
  jobs: {
    rounds: { schedule: (s) => ({ cron: s.roundsCron! }), run: ({ trx }, plugin) => createRounds(plugin, trx) },
  },
  routers: router({
    history: authedProcedure
      .input(schemaInput<{ elderId: string }>({ type: 'object', properties: { elderId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['elderId'], additionalProperties: false }))
      .query(({ ctx, input }) => elderHistory(api(ctx.runtime), serviceContext(ctx), input.elderId)),
    coverage: authedProcedure
      .input(schemaInput<{ month: string }>({ type: 'object', properties: { month: { type: 'string', maxLength: 7 } }, required: ['month'], additionalProperties: false }))
      .query(({ ctx, input }) => monthlyCoverage(api(ctx.runtime), serviceContext(ctx), input.month, ctx.lang)),
  }),
  ui: {
    menu: [
      { key: 'roster', label: { 'zh-CN': '独居老人名册', en: 'Roster' }, path: '/entities/bellElder', permission: { action: 'read', subject: 'BellElder' } },
      { key: 'rounds', label: { 'zh-CN': '摇铃巡访', en: 'Bell rounds' }, path: '/entities/bellRound', permission: { action: 'read', subject: 'BellRound' } },
    ],
    cards: [{
      key: 'coverage',
      label: { 'zh-CN': '摇铃月度覆盖率', en: 'Monthly bell coverage' },
      query: 'coverage',
      kind: 'figures',
      // The web app picks the current month in the district's time zone until the user chooses another.
      inputs: [{ key: 'month', kind: 'month', label: { 'zh-CN': '月份', en: 'Month' } }],
    }],
  },
  messages,
});
