import type { WorkflowDefinition } from '../../core/plugin-sdk';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const panel = ['mediator', 'patrolOfficer', 'judge', 'prosecutor', 'policeOfficer', 'judicialOfficer', 'lawyer'];
const reason = { schema: { type: 'object', properties: { reason: { type: 'string', title: '理由', 'x-title-en': 'Reason', minLength: 2, maxLength: 1000 } }, required: ['reason'] } };
const ended = [{ do: 'stopClock', clock: '*' }, { do: 'closeNotices' }];

/**
 * Intake → a panel drawn (clock) → sessions (clock to the first) → an outcome: agreement (with a
 * follow-up visit on a clock), referral to court, or withdrawal. The plugin's hooks draw the panel,
 * keep the sessions, outcomes and follow-ups, and report court-pushed outcomes back to the court.
 */
export const mediationWorkflow = {
  name: 'mediationWorkflow',
  label: label('五员一律联合调解', 'Five officers and one lawyer mediation'),
  entity: 'mediationCase',
  initial: 'intake',
  slaProfile: 'mediation',
  supervision: { reminderOnBreach: true, escalateOnBreach: false },
  states: [
    { key: 'intake', label: label('待组庭', 'Awaiting a panel'), onEnter: [{ do: 'assignResponsible', to: 'caseUnit' }, { do: 'startClock', clock: 'panel' }] },
    { key: 'panelFormed', label: label('已组成调解团', 'Panel formed'), onEnter: [{ do: 'stopClock', clock: 'panel' }, { do: 'startClock', clock: 'session' }] },
    { key: 'inSession', label: label('调解中', 'In mediation'), onEnter: [{ do: 'stopClock', clock: 'session' }] },
    { key: 'agreed', label: label('已达成协议（待回访）', 'Agreement reached (follow-up due)'), onEnter: [{ do: 'stopClock', clock: '*' }, { do: 'startClock', clock: 'followUp' }] },
    { key: 'closed', label: label('已回访结案', 'Closed after follow-up'), final: true, onEnter: ended },
    { key: 'referred', label: label('已转诉讼', 'Referred to court'), final: true, onEnter: ended },
    { key: 'withdrawn', label: label('已撤回', 'Withdrawn'), final: true, onEnter: ended },
  ],
  transitions: [
    { key: 'formPanel', label: label('组建调解团', 'Form the panel'), from: ['intake'], to: 'panelFormed', roles: ['mediator', 'dispatcher'] },
    {
      key: 'holdSession',
      label: label('记录调解会', 'Record a session'),
      from: ['panelFormed', 'inSession'],
      to: 'inSession',
      roles: panel,
      form: {
        schema: {
          type: 'object',
          properties: {
            heldAt: { type: 'string', format: 'date-time', title: '时间', 'x-title-en': 'Held at' },
            attendees: { type: 'array', title: '参加人员', 'x-title-en': 'Attendees', minItems: 1, maxItems: 30, items: { type: 'string', minLength: 1, maxLength: 64 } },
            minutes: { type: 'string', title: '调解笔录', 'x-title-en': 'Minutes', minLength: 5, maxLength: 20000, 'x-widget': 'textarea' },
            documents: { type: 'array', title: '材料', 'x-title-en': 'Documents', maxItems: 20, items: { type: 'string' }, 'x-widget': 'photo' },
          },
          required: ['heldAt', 'attendees', 'minutes'],
        },
      },
    },
    {
      key: 'reachAgreement',
      label: label('达成调解协议', 'Agreement reached'),
      from: ['inSession'],
      to: 'agreed',
      roles: panel,
      form: { schema: { type: 'object', properties: { terms: { type: 'string', title: '协议内容', 'x-title-en': 'Terms', minLength: 5, maxLength: 10000, 'x-widget': 'textarea' } }, required: ['terms'] } },
    },
    { key: 'referToCourt', label: label('转诉讼', 'Refer to court'), from: ['intake', 'panelFormed', 'inSession'], to: 'referred', roles: panel, form: reason },
    { key: 'withdraw', label: label('撤回', 'Withdraw'), from: ['intake', 'panelFormed', 'inSession'], to: 'withdrawn', roles: [...panel, 'dispatcher'], form: reason },
    {
      key: 'followUp',
      label: label('协议履行回访', 'Follow-up visit'),
      from: ['agreed'],
      to: 'closed',
      roles: panel,
      form: {
        schema: {
          type: 'object',
          properties: { fulfilled: { type: 'boolean', title: '协议已履行', 'x-title-en': 'Agreement kept' }, note: { type: 'string', title: '回访情况', 'x-title-en': 'Note', maxLength: 2000 } },
          required: ['fulfilled'],
        },
      },
    },
  ],
} as unknown as WorkflowDefinition;
