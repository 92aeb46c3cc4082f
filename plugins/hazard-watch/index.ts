import { authedProcedure, definePlugin, ForbiddenError, pluginApi, router, schemaInput, type ApiContext, type Runtime } from '../../core/plugin-sdk';
import { authenticateMonitoring, clearAlarm, clearForClosedCase, issueMonitoringKey, receiveAlarm, validateClear } from './alarms';
import { COLOUR_HEX, type Colour } from './colours';
import { messages } from './messages';
import { migrations } from './migrations';
import settingsSchema from './settings.schema.json';
import type { HazardWatchSettings } from './settings.generated';
import { alarmList, dashboardFigures, enterprisesWithColours, loadDemo, recordInspection, setInService, sourceLayer, sourcesWithColours } from './sources';

const api = (runtime: Runtime) => pluginApi<HazardWatchSettings>(runtime, 'hazard-watch');
const COLOURS: Colour[] = ['red', 'orange', 'yellow', 'blue', 'grey'];
const COLOUR_LABELS: Record<Colour, { 'zh-CN': string; en: string }> = {
  red: { 'zh-CN': '红', en: 'Red' }, orange: { 'zh-CN': '橙', en: 'Orange' }, yellow: { 'zh-CN': '黄', en: 'Yellow' }, blue: { 'zh-CN': '蓝', en: 'Blue' }, grey: { 'zh-CN': '灰', en: 'Grey' },
};

/** Refuses unless the caller may `action` on hazard sources (checked on the server). */
function allow(ctx: ApiContext, action: 'read' | 'update' | 'configure') {
  const subject = action === 'configure' ? 'Config' : 'HazardSource';
  if (!ctx.ability!.can(action, subject)) throw new ForbiddenError(api(ctx.runtime).t(ctx.lang, 'forbidden'));
}

const sourceId = { type: 'string', minLength: 1, maxLength: 64 };

/**
 * 重大危险源监管 (Zhongzhan): the key high-risk enterprises and their major hazard sources, each
 * coloured 红 橙 黄 蓝 灰 by rules in the settings; the provincial monitoring system's alarms open
 * an urgent case for the emergency department with a response clock and notify the chemical
 * experts; clearing the alarm closes the case and records the time to clear.
 */
export default definePlugin<HazardWatchSettings>()({
  name: 'hazard-watch',
  version: '1.0.0',
  label: { 'zh-CN': '重大危险源监管', en: 'Hazard watch' },
  settingsSchema,
  migrations,
  channels: [{ key: 'hazardAlarm', label: { 'zh-CN': '危险化学品风险监测预警系统', en: 'Hazardous-chemicals monitoring system' }, kind: 'external', protocol: 'rest' }],
  slaProfiles: (s) => [
    { key: s.slaProfile!, label: { 'zh-CN': '重大风险预警：接警至解除警报', en: 'Major-hazard alarm: alarm to all-clear' }, clocks: [{ key: 'clear', label: { 'zh-CN': '解除警报', en: 'All clear' }, minutes: s.clearWithinMinutes! }] },
  ],
  permissions: {
    hazardSourceRead: { actions: ['read'], subject: 'HazardSource' },
    hazardSourceWork: { actions: ['read', 'update'], subject: 'HazardSource' },
  },
  roles: {
    dispatcher: ['hazardSourceWork'],
    hazardExpert: ['hazardSourceWork'],
    riskAnalyst: ['hazardSourceRead'],
    departmentHandler: ['hazardSourceRead'],
  },
  seed: (plugin) => loadDemo(plugin),
  hooks: {
    onCaseClosed: async ({ trx, entity, recordId }, plugin) => {
      if (entity === 'incidentCase') await clearForClosedCase(plugin, trx, recordId);
    },
  },
  routes: [
    // The monitoring system: Authorization: Bearer <key from issueMonitoringKey>.
    { method: 'POST', path: 'alarms', handler: async ({ request, body, lang, plugin }) => {
      await authenticateMonitoring(plugin, request, lang);
      const result = await receiveAlarm(plugin, body, lang);
      return Response.json(result, { status: result.replayed ? 200 : 201 });
    } },
    { method: 'POST', path: 'alarms/:alarmId/clear', handler: async ({ request, params, body, lang, plugin }) => {
      const system = await authenticateMonitoring(plugin, request, lang);
      const input = validateClear(body ?? {}, lang);
      return Response.json(await clearAlarm(plugin, params.alarmId, `monitoring:${system}`, lang, input));
    } },
  ],
  routers: router({
    sources: authedProcedure
      .input(schemaInput<{ enterpriseId?: string; colour?: Colour }>({ type: 'object', properties: { enterpriseId: sourceId, colour: { enum: COLOURS } }, additionalProperties: false }))
      .query(({ ctx, input }) => (allow(ctx, 'read'), sourcesWithColours(api(ctx.runtime), input))),
    enterprises: authedProcedure.query(({ ctx }) => (allow(ctx, 'read'), enterprisesWithColours(api(ctx.runtime)))),
    /** A source's alarm history, or the open alarms with how long each has been open. */
    alarms: authedProcedure
      .input(schemaInput<{ sourceId?: string; status?: 'open' | 'cleared' }>({ type: 'object', properties: { sourceId, status: { enum: ['open', 'cleared'] } }, additionalProperties: false }))
      .query(({ ctx, input }) => (allow(ctx, 'read'), alarmList(api(ctx.runtime), input, ctx.lang))),
    mapLayer: authedProcedure.query(({ ctx }) => (allow(ctx, 'read'), sourceLayer(api(ctx.runtime)))),
    dashboard: authedProcedure.query(({ ctx }) => (allow(ctx, 'read'), dashboardFigures(api(ctx.runtime)))),
    clearAlarm: authedProcedure
      .input(schemaInput<{ alarmId: string; note?: string }>({ type: 'object', properties: { alarmId: sourceId, note: { type: 'string', maxLength: 500 } }, required: ['alarmId'], additionalProperties: false }))
      .mutation(({ ctx, input }) => (allow(ctx, 'update'), clearAlarm(api(ctx.runtime), input.alarmId, `user:${ctx.principal!.id}`, ctx.lang, { note: input.note }))),
    recordInspection: authedProcedure
      .input(schemaInput<{ sourceId: string; at?: string }>({ type: 'object', properties: { sourceId, at: { type: 'string', format: 'date-time' } }, required: ['sourceId'], additionalProperties: false }))
      .mutation(({ ctx, input }) => (allow(ctx, 'update'), recordInspection(api(ctx.runtime), input, ctx.lang))),
    setInService: authedProcedure
      .input(schemaInput<{ sourceId: string; inService: boolean }>({ type: 'object', properties: { sourceId, inService: { type: 'boolean' } }, required: ['sourceId', 'inService'], additionalProperties: false }))
      .mutation(({ ctx, input }) => (allow(ctx, 'update'), setInService(api(ctx.runtime), input, ctx.lang))),
    issueMonitoringKey: authedProcedure
      .input(schemaInput<{ label: string }>({ type: 'object', properties: { label: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['label'], additionalProperties: false }))
      .mutation(({ ctx, input }) => (allow(ctx, 'configure'), issueMonitoringKey(api(ctx.runtime), input.label))),
    loadDemo: authedProcedure.mutation(({ ctx }) => (allow(ctx, 'configure'), loadDemo(api(ctx.runtime)))),
  }),
  ui: {
    pages: [{ key: 'board', label: { 'zh-CN': '危险源五色图', en: 'Hazard board' }, permission: { action: 'read', subject: 'HazardSource' } }],
    cards: [{ key: 'hazards', label: { 'zh-CN': '重大危险源', en: 'Major hazard sources' }, query: 'dashboard', kind: 'figures' }],
    mapLayers: [{
      key: 'hazardSources',
      label: { 'zh-CN': '重大危险源', en: 'Major hazard sources' },
      query: 'mapLayer',
      colourProperty: 'colour',
      legend: COLOURS.map((key) => ({ key, label: COLOUR_LABELS[key], colour: COLOUR_HEX[key] })),
    }],
  },
  messages,
});
