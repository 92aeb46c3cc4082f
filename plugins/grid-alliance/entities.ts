import type { EntityDefinition } from '../../core/plugin-sdk';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A member of the alliance: a resident unit (驻区单位), a market entity or a social organisation. */
export const memberEntity = {
  name: 'allianceMember',
  label: label('网格联盟成员', 'Alliance member'),
  subject: 'AllianceMember',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', title: '名称', 'x-title-en': 'Name', minLength: 2, maxLength: 100, 'x-search': true },
      kind: {
        type: 'string',
        title: '类型',
        'x-title-en': 'Kind',
        enum: ['residentUnit', 'marketEntity', 'socialOrganisation'],
        'x-index': true,
        'x-enumLabels': { residentUnit: label('驻区单位', 'Resident unit'), marketEntity: label('市场主体', 'Market entity'), socialOrganisation: label('社会组织', 'Social organisation') },
      },
      contact: { type: 'string', title: '联系人', 'x-title-en': 'Contact', maxLength: 50 },
      phone: { type: 'string', title: '电话', 'x-title-en': 'Phone', pattern: '^[0-9-]{7,20}$' },
      toBeNamed: { type: 'boolean', title: '占位（待区里命名）', 'x-title-en': 'Placeholder (to be named by the district)' },
    },
    required: ['name', 'kind'],
    additionalProperties: false,
  },
} as unknown as EntityDefinition;

/** An item of the service catalogue (服务清单), offered by members under one of the categories. */
export const serviceItemEntity = {
  name: 'allianceServiceItem',
  label: label('联盟服务项目', 'Alliance service item'),
  subject: 'AllianceServiceItem',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', title: '服务项目', 'x-title-en': 'Service', minLength: 2, maxLength: 100, 'x-search': true },
      category: { type: 'string', title: '服务类别', 'x-title-en': 'Category', maxLength: 50, 'x-index': true },
      providerId: { type: 'string', title: '提供单位', 'x-title-en': 'Provider', maxLength: 64 },
      toBeNamed: { type: 'boolean', title: '占位（待区里命名）', 'x-title-en': 'Placeholder (to be named by the district)' },
    },
    required: ['name', 'category'],
    additionalProperties: false,
  },
} as unknown as EntityDefinition;

/** 联动办事: a job handed to one alliance member, on its own clock. */
export const jointTaskEntity = {
  name: 'allianceTask',
  label: label('联动办事', 'Joint action'),
  subject: 'AllianceTask',
  workflow: 'allianceTaskWorkflow',
  schema: {
    type: 'object',
    properties: {
      title: { type: 'string', title: '事项', 'x-title-en': 'Title', minLength: 2, maxLength: 200, 'x-search': true },
      memberId: { type: 'string', title: '承办成员', 'x-title-en': 'Member', minLength: 1, maxLength: 64, 'x-index': true },
      serviceItemId: { type: 'string', title: '服务项目', 'x-title-en': 'Service item', maxLength: 64 },
      sourceCaseId: { type: 'string', title: '来源事件', 'x-title-en': 'Source case', maxLength: 64 },
    },
    required: ['title', 'memberId'],
    additionalProperties: false,
  },
} as unknown as EntityDefinition;
