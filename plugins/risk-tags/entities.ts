import type { EntityDefinition } from '../../core/plugin-sdk';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A joint-handling case opened at the district when a subject's signals accumulate. */
export const jointCaseEntity: EntityDefinition = {
  name: 'riskJointCase',
  label: label('风险联合处置', 'Joint risk handling'),
  subject: 'RiskJointCase',
  schema: {
    type: 'object',
    properties: {
      title: { type: 'string', title: '标题', 'x-title-en': 'Title', minLength: 2, maxLength: 200, 'x-search': true },
      subjectKey: { type: 'string', title: '风险主体', 'x-title-en': 'Subject', maxLength: 300, 'x-index': true },
      rule: { type: 'string', title: '提级规则', 'x-title-en': 'Rule', maxLength: 100 },
      sourceTypes: { type: 'array', title: '信号来源', 'x-title-en': 'Sources', items: { type: 'string' }, maxItems: 20 },
      caseIds: { type: 'array', title: '关联事件', 'x-title-en': 'Cases', items: { type: 'string' }, maxItems: 200 },
    },
    required: ['title', 'subjectKey', 'rule'],
    additionalProperties: false,
  },
} as unknown as EntityDefinition;
