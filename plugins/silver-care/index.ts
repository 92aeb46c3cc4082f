import { authedProcedure, definePlugin, ForbiddenError, router, schemaInput, serviceContext, pluginApi, type Runtime } from '../../core/plugin-sdk';
import { dashboardFigures } from './dashboard';
import { silencePass } from './device-silence';
import { elderEntity, wristbandEntity } from './entities';
import { medicationPass } from './medication';
import { messages } from './messages';
import { migrations } from './migrations';
import settingsSchema from './settings.schema.json';
import type { SilverCareSettings } from './settings.generated';
import { ingestTelemetry, registerWristband } from './telemetry';
import { importReadings, parseReadingsCsv } from './utility-readings';

const api = (runtime: Runtime) => pluginApi<SilverCareSettings>(runtime, 'silver-care');

/**
 * 银发守护 (Huiji): wristbands bound to elders living alone; fall/SOS alarms open urgent cases for
 * the elder's grid with a short clock that escalates on breach; medication reminders and missed
 * doses; water/electricity anomaly detection; silent-device checks; a dashboard card.
 */
export default definePlugin<SilverCareSettings>()({
  name: 'silver-care',
  version: '1.0.0',
  label: { 'zh-CN': '银发守护', en: 'Silver care' },
  settingsSchema,
  entities: [elderEntity, wristbandEntity],
  permissions: {
    silverCareReadMyGrid: { actions: ['read'], subject: 'Elder', scope: 'myUnit' },
    silverCareWorkMyGrid: { actions: ['create', 'update'], subject: 'Elder', scope: 'myUnit' },
    silverCareReadSubtree: { actions: ['read'], subject: 'Elder', scope: 'mySubtree' },
    silverCareManageSubtree: { actions: ['create', 'update'], subject: 'Elder', scope: 'mySubtree' },
    wristbandReadSubtree: { actions: ['read'], subject: 'Wristband', scope: 'mySubtree' },
    wristbandManageSubtree: { actions: ['create', 'update'], subject: 'Wristband', scope: 'mySubtree' },
    silverCareReadAll: { actions: ['read'], subject: 'Elder' },
  },
  roles: {
    gridWorker: ['silverCareReadMyGrid', 'silverCareWorkMyGrid', 'wristbandReadSubtree'],
    gridLeader: ['silverCareReadSubtree', 'wristbandReadSubtree'],
    communitySecretary: ['silverCareReadSubtree', 'silverCareManageSubtree', 'wristbandReadSubtree', 'wristbandManageSubtree'],
    subdistrictSecretary: ['silverCareReadSubtree', 'wristbandReadSubtree'],
    dispatcher: ['silverCareReadAll'],
  },
  migrations,
  hooks: {
    // Response time of an alarm: the grid takes the case.
    afterTransition: async ({ trx, entity, record, transition }, plugin) => {
      if (entity !== 'incidentCase' || transition !== 'accept') return;
      await trx.updateTable('sc_alert').set({ responded_at: plugin.now().toISOString() }).where('case_id', '=', record.id).where('responded_at', 'is', null).execute();
    },
    onCaseClosed: async ({ trx, entity, recordId }, plugin) => {
      if (entity !== 'incidentCase') return;
      await trx.updateTable('sc_alert').set({ status: 'closed', closed_at: plugin.now().toISOString() }).where('case_id', '=', recordId).where('status', '=', 'open').execute();
    },
  },
  jobs: {
    medication: { schedule: (s) => ({ everyMinutes: s.medication!.checkEveryMinutes! }), run: ({ trx }, plugin) => medicationPass(plugin, trx) },
    deviceSilence: { schedule: (s) => ({ everyMinutes: s.silenceCheckMinutes! }), run: ({ trx }, plugin) => silencePass(plugin, trx) },
  },
  routes: [
    // Wristband gateway: Authorization: Bearer <device key>.
    { method: 'POST', path: 'telemetry', handler: ({ request, body, lang, plugin }) => ingestTelemetry(plugin, request, body, lang) },
  ],
  routers: router({
    registerWristband: authedProcedure
      .input(schemaInput<{ deviceId: string; elderId: string }>({
        type: 'object',
        properties: { deviceId: { type: 'string', pattern: '^[A-Za-z0-9_-]{4,64}$' }, elderId: { type: 'string', minLength: 1 } },
        required: ['deviceId', 'elderId'],
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => registerWristband(api(ctx.runtime), serviceContext(ctx), input)),
    /** Daily water/electricity readings as JSON rows or as CSV text (`elderId,day,meter,value`). */
    importReadings: authedProcedure
      .input(schemaInput<{ rows?: unknown[]; csv?: string }>({
        type: 'object',
        properties: { rows: { type: 'array' }, csv: { type: 'string', maxLength: 1_000_000 } },
        additionalProperties: false,
      }))
      .mutation(({ ctx, input }) => {
        if (!ctx.ability!.can('update', 'Elder')) throw new ForbiddenError(api(ctx.runtime).t(ctx.lang, 'importForbidden'));
        return importReadings(api(ctx.runtime), input.csv !== undefined ? parseReadingsCsv(input.csv) : input.rows, ctx.lang);
      }),
    dashboard: authedProcedure.query(({ ctx }) => dashboardFigures(api(ctx.runtime))),
  }),
  ui: {
    menu: [
      { key: 'elders', label: { 'zh-CN': '独居老人', en: 'Elders living alone' }, path: '/entities/elder', permission: { action: 'read', subject: 'Elder' } },
      { key: 'wristbands', label: { 'zh-CN': '智能手环', en: 'Wristbands' }, path: '/entities/wristband', permission: { action: 'read', subject: 'Wristband' } },
    ],
    cards: [{ key: 'silverCare', label: { 'zh-CN': '银发守护', en: 'Silver care' }, query: 'dashboard', kind: 'figures' }],
  },
  messages,
});
