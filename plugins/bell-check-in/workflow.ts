import type { WorkflowDefinition } from '../../core/plugin-sdk';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const worker = ['gridWorker', 'microGridLeader'];
const outcome = {
  schema: {
    type: 'object',
    properties: { note: { type: 'string', title: '情况说明', 'x-title-en': 'Note', maxLength: 500 } },
  },
};

/**
 * A bell round: ring at the window; no answer starts a chain in which each step has a clock —
 * a phone call within 10 min, a home visit within 30 min, then the community secretary. A step's
 * clock breaching moves the round on by itself (system transitions fired by the plugin's hook).
 */
export const bellRoundWorkflow: WorkflowDefinition = {
  name: 'bellRoundWorkflow',
  label: label('摇响铃铛巡访', 'Bell check-in round'),
  entity: 'bellRound',
  initial: 'scheduled',
  slaProfile: 'bellCheckIn',
  supervision: { reminderOnBreach: true, escalateOnBreach: false },
  states: [
    { key: 'scheduled', label: label('待摇铃', 'To ring'), onEnter: [{ do: 'assignResponsible', to: 'caseUnit' }, { do: 'startClock', clock: 'ring' }] },
    { key: 'answered', label: label('已应答', 'Answered'), final: true, onEnter: [{ do: 'stopClock', clock: '*' }, { do: 'closeNotices' }] },
    { key: 'phoning', label: label('电话联系中', 'Phoning'), onEnter: [{ do: 'startClock', clock: 'phone' }] },
    { key: 'reached', label: label('电话已联系上', 'Reached by phone'), final: true, onEnter: [{ do: 'stopClock', clock: '*' }, { do: 'closeNotices' }] },
    { key: 'visiting', label: label('入户查看中', 'Home visit'), onEnter: [{ do: 'startClock', clock: 'visit' }] },
    { key: 'visited', label: label('已入户查看', 'Visited'), final: true, onEnter: [{ do: 'stopClock', clock: '*' }, { do: 'closeNotices' }] },
    {
      key: 'escalated',
      label: label('已报社区书记', 'With the community secretary'),
      onEnter: [{ do: 'escalate', level: 'community' }, { do: 'notify', roles: ['communitySecretary', 'villageSecretary'] }, { do: 'startClock', clock: 'secretary' }],
    },
    { key: 'resolved', label: label('已处置', 'Resolved'), final: true, onEnter: [{ do: 'stopClock', clock: '*' }, { do: 'closeNotices' }] },
  ],
  transitions: [
    { key: 'ringAnswered', label: label('摇铃有应答', 'Answered the bell'), from: ['scheduled'], to: 'answered', roles: worker, form: outcome },
    { key: 'ringNoAnswer', label: label('摇铃无应答', 'No answer'), from: ['scheduled'], to: 'phoning', roles: worker, actions: [{ do: 'stopClock', clock: 'ring' }] },
    { key: 'phoneAnswered', label: label('电话联系上', 'Reached by phone'), from: ['phoning'], to: 'reached', roles: worker, form: outcome },
    { key: 'phoneNoAnswer', label: label('电话无人接听', 'Phone not answered'), from: ['phoning'], to: 'visiting', roles: worker, actions: [{ do: 'stopClock', clock: 'phone' }] },
    { key: 'phoneOverdue', label: label('电话联系超时', 'Phone step overdue'), from: ['phoning'], to: 'visiting', roles: [], system: true, actions: [{ do: 'stopClock', clock: 'phone' }] },
    { key: 'visitFound', label: label('入户已见到老人', 'Found at home'), from: ['visiting'], to: 'visited', roles: worker, form: outcome },
    { key: 'visitNotFound', label: label('入户未见老人', 'Not found at home'), from: ['visiting'], to: 'escalated', roles: worker, actions: [{ do: 'stopClock', clock: 'visit' }] },
    { key: 'visitOverdue', label: label('入户查看超时', 'Visit step overdue'), from: ['visiting'], to: 'escalated', roles: [], system: true, actions: [{ do: 'stopClock', clock: 'visit' }] },
    { key: 'secretaryResolve', label: label('社区书记已处置', 'Resolved by the secretary'), from: ['escalated'], to: 'resolved', roles: ['communitySecretary', 'villageSecretary'], form: outcome },
  ],
} as WorkflowDefinition;
