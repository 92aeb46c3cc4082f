import type { WorkflowDefinition } from '../../core/plugin-sdk';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const roles = ['subdistrictDispatcher', 'communitySecretary', 'gridLeader'];

/** Assigned → accepted by the member (clock) → done (clock). */
export const taskWorkflow = {
  name: 'allianceTaskWorkflow',
  label: label('联动办事', 'Joint action'),
  entity: 'allianceTask',
  initial: 'assigned',
  slaProfile: 'allianceTask',
  supervision: { reminderOnBreach: true, escalateOnBreach: false },
  states: [
    { key: 'assigned', label: label('已派给成员', 'Assigned to a member'), onEnter: [{ do: 'assignResponsible', to: 'caseUnit' }, { do: 'startClock', clock: 'respond' }] },
    { key: 'accepted', label: label('成员已接单', 'Accepted by the member'), onEnter: [{ do: 'stopClock', clock: 'respond' }, { do: 'startClock', clock: 'complete' }] },
    { key: 'done', label: label('已办结', 'Done'), final: true, onEnter: [{ do: 'stopClock', clock: '*' }, { do: 'closeNotices' }] },
  ],
  transitions: [
    { key: 'accept', label: label('接单', 'Accept'), from: ['assigned'], to: 'accepted', roles },
    {
      key: 'finish',
      label: label('办结', 'Finish'),
      from: ['accepted'],
      to: 'done',
      roles,
      form: { schema: { type: 'object', properties: { result: { type: 'string', title: '办理结果', 'x-title-en': 'Result', minLength: 2, maxLength: 2000 } }, required: ['result'] } },
    },
  ],
} as unknown as WorkflowDefinition;
