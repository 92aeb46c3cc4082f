import { authedProcedure, definePlugin, pluginApi, router, schemaInput, serviceContext, type Runtime } from '../../core/plugin-sdk';
import { jointCaseEntity } from './entities';
import { messages } from './messages';
import { migrations } from './migrations';
import { caseTags, escalationResults, registerDetail, registerList } from './queries';
import { processCase } from './register';
import settingsSchema from './settings.schema.json';
import type { RiskTagsSettings } from './settings.generated';

const api = (runtime: Runtime) => pluginApi<RiskTagsSettings>(runtime, 'risk-tags');

/**
 * 风险智库 (Huiji): a catalogue of risk tags; cases from the integrated channels tagged by rules;
 * a risk register per subject (person, building, enterprise, dispute) gathering its signals; rules
 * that escalate a case and open a joint-handling case when one subject is seen from several sources.
 */
export default definePlugin<RiskTagsSettings>()({
  name: 'risk-tags',
  version: '1.0.0',
  label: { 'zh-CN': '风险智库', en: 'Risk think-tank' },
  settingsSchema,
  entities: [jointCaseEntity],
  permissions: {
    riskRegisterRead: { actions: ['read'], subject: 'RiskRegister' },
    riskJointAll: { actions: ['read', 'update'], subject: 'RiskJointCase' },
  },
  roles: { dispatcher: ['riskRegisterRead', 'riskJointAll'], subdistrictSecretary: ['riskRegisterRead'] },
  migrations,
  hooks: {
    afterRecordWrite: async ({ trx, op, entity, records }, plugin) => {
      if (entity !== 'incidentCase' || op === 'delete') return;
      for (const record of records) await processCase(plugin, trx, record);
    },
    afterTransition: (e, plugin) => (e.entity === 'incidentCase' ? processCase(plugin, e.trx, e.record) : undefined),
  },
  routers: router({
    register: authedProcedure
      .input(schemaInput<{ kind?: string; level?: string }>({
        type: 'object',
        properties: { kind: { enum: ['person', 'building', 'enterprise', 'dispute'] }, level: { enum: ['low', 'medium', 'high'] } },
        additionalProperties: false,
      }))
      .query(({ ctx, input }) => registerList(api(ctx.runtime), serviceContext(ctx), input)),
    subject: authedProcedure
      .input(schemaInput<{ key: string }>({ type: 'object', properties: { key: { type: 'string', minLength: 3, maxLength: 300 } }, required: ['key'], additionalProperties: false }))
      .query(({ ctx, input }) => registerDetail(api(ctx.runtime), serviceContext(ctx), input.key)),
    escalations: authedProcedure.query(({ ctx }) => escalationResults(api(ctx.runtime), serviceContext(ctx))),
    caseTags: authedProcedure
      .input(schemaInput<{ caseId: string }>({ type: 'object', properties: { caseId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['caseId'], additionalProperties: false }))
      .query(({ ctx, input }) => caseTags(api(ctx.runtime), serviceContext(ctx), input.caseId)),
  }),
  ui: {
    pages: [{ key: 'register', label: { 'zh-CN': '风险智库', en: 'Risk register' }, permission: { action: 'read', subject: 'RiskRegister' } }],
    menu: [{ key: 'joint', label: { 'zh-CN': '风险联合处置', en: 'Joint risk handling' }, path: '/entities/riskJointCase', permission: { action: 'read', subject: 'RiskJointCase' } }],
  },
  messages,
});
