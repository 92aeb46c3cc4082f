import type { EntityDefinition } from '../../core/plugin-sdk';

/** The roster: an elder living alone, the building and the window a grid worker rings at. */
export const bellElderEntity: EntityDefinition = {
  name: 'bellElder',
  label: { 'zh-CN': '独居老人（摇铃）', en: 'Elder on bell rounds' },
  subject: 'BellElder',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', title: '姓名', 'x-title-en': 'Name', minLength: 1, maxLength: 50, 'x-pii': 'name', 'x-search': true },
      age: { type: 'integer', title: '年龄', 'x-title-en': 'Age', minimum: 0, maximum: 130 },
      phone: { type: 'string', title: '联系电话', 'x-title-en': 'Phone', pattern: '^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$', 'x-pii': 'phone' },
      building: { type: 'string', title: '楼栋', 'x-title-en': 'Building', minLength: 1, maxLength: 100 },
      window: { type: 'string', title: '窗户位置', 'x-title-en': 'Window', minLength: 1, maxLength: 100 },
      cadence: { type: 'string', title: '巡铃频次', 'x-title-en': 'Cadence', enum: ['daily', 'weekly'], default: 'daily', 'x-index': true },
      active: { type: 'boolean', title: '在册', 'x-title-en': 'On the roster', default: true, 'x-index': true },
    },
    required: ['name', 'building', 'window'],
    additionalProperties: false,
  },
};

/** One round at one elder's window on one day: runs through the bell-round workflow. */
export const bellRoundEntity: EntityDefinition = {
  name: 'bellRound',
  label: { 'zh-CN': '摇铃巡访', en: 'Bell round' },
  subject: 'BellRound',
  workflow: 'bellRoundWorkflow',
  schema: {
    type: 'object',
    properties: {
      elderId: { type: 'string', title: '老人', 'x-title-en': 'Elder', 'x-index': true },
      day: { type: 'string', format: 'date', title: '日期', 'x-title-en': 'Day', 'x-index': true },
      roundKey: { type: 'string', title: '轮次', 'x-title-en': 'Round', 'x-index': true },
    },
    required: ['elderId', 'day', 'roundKey'],
    additionalProperties: false,
  },
};
