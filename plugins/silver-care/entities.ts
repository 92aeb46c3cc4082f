import type { EntityDefinition } from '../../core/plugin-sdk';

/** An elder living alone (独居老人) under the care of the grid the record belongs to. */
export const elderEntity: EntityDefinition = {
  name: 'elder',
  label: { 'zh-CN': '独居老人', en: 'Elder living alone' },
  subject: 'Elder',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', title: '姓名', 'x-title-en': 'Name', minLength: 1, maxLength: 50, 'x-pii': 'name', 'x-search': true },
      phone: { type: 'string', title: '联系电话', 'x-title-en': 'Phone', pattern: '^1[3-9][0-9]{9}$', 'x-pii': 'phone' },
      address: { type: 'string', title: '住址', 'x-title-en': 'Address', maxLength: 200 },
      birthYear: { type: 'integer', title: '出生年份', 'x-title-en': 'Birth year', minimum: 1900, maximum: 2100 },
      livingAlone: { type: 'boolean', title: '独居', 'x-title-en': 'Living alone', default: true, 'x-index': true },
      medications: {
        type: 'array',
        title: '用药提醒',
        'x-title-en': 'Medication reminders',
        maxItems: 20,
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', title: '药品', 'x-title-en': 'Medicine', minLength: 1, maxLength: 50 },
            times: { type: 'array', title: '服药时间', 'x-title-en': 'Times', minItems: 1, maxItems: 6, items: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } },
          },
          required: ['name', 'times'],
          additionalProperties: false,
        },
      },
    },
    required: ['name'],
    additionalProperties: false,
  },
};

/** A wristband bound to one elder; its device key is kept hashed in the plugin's own table. */
export const wristbandEntity: EntityDefinition = {
  name: 'wristband',
  label: { 'zh-CN': '智能手环', en: 'Wristband' },
  subject: 'Wristband',
  schema: {
    type: 'object',
    properties: {
      deviceId: { type: 'string', title: '设备编号', 'x-title-en': 'Device id', pattern: '^[A-Za-z0-9_-]{4,64}$', 'x-index': true },
      elderId: { type: 'string', title: '佩戴老人', 'x-title-en': 'Elder', 'x-index': true },
      active: { type: 'boolean', title: '在用', 'x-title-en': 'Active', default: true, 'x-index': true },
    },
    required: ['deviceId', 'elderId'],
    additionalProperties: false,
  },
};
