import type { EntityDefinition } from '../../core/plugin-sdk';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A dispute under mediation: where it came from, its risk type × difficulty, the parties. */
export const mediationEntity: EntityDefinition = {
  name: 'mediationCase',
  label: label('矛盾纠纷调解', 'Mediation case'),
  subject: 'Mediation',
  workflow: 'mediationWorkflow',
  schema: {
    type: 'object',
    properties: {
      title: { type: 'string', title: '纠纷事由', 'x-title-en': 'Dispute', minLength: 2, maxLength: 100, 'x-search': true },
      description: { type: 'string', title: '纠纷情况', 'x-title-en': 'Description', maxLength: 4000, 'x-widget': 'textarea' },
      source: {
        type: 'string',
        title: '来源',
        'x-title-en': 'Source',
        enum: ['gridReport', 'courtPush', 'petition'],
        'x-index': true,
        'x-enumLabels': { gridReport: label('网格上报', 'Grid report'), courtPush: label('法院推送', 'Pushed by the court'), petition: label('信访', 'Petition') },
      },
      sourceCaseId: { type: 'string', title: '来源事件', 'x-title-en': 'Source case', maxLength: 64 },
      courtRef: { type: 'string', title: '法院案号', 'x-title-en': 'Court reference', maxLength: 100, 'x-index': true },
      riskType: {
        type: 'string',
        title: '风险类型',
        'x-title-en': 'Risk type',
        enum: ['conflictDispute', 'petitionLitigation', 'publicSafety', 'urbanOrder', 'specialGroups', 'ecologyTourism'],
        default: 'conflictDispute',
        'x-index': true,
      },
      difficulty: { type: 'string', title: '处置难度', 'x-title-en': 'Difficulty', enum: ['routine', 'coordinated', 'major'], default: 'routine', 'x-index': true },
      parties: {
        type: 'array',
        title: '当事人',
        'x-title-en': 'Parties',
        maxItems: 20,
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', title: '姓名', 'x-title-en': 'Name', minLength: 1, maxLength: 50 },
            side: { type: 'string', title: '身份', 'x-title-en': 'Side', enum: ['applicant', 'respondent', 'other'] },
            phone: { type: 'string', title: '电话', 'x-title-en': 'Phone', pattern: '^1[3-9][0-9]{9}$' },
          },
          required: ['name', 'side'],
          additionalProperties: false,
        },
      },
    },
    required: ['title', 'source'],
    additionalProperties: false,
  },
};
