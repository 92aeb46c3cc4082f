'use client';

import { Button, Card, Input, Select, Space } from 'antd';
import { uiText, type UiKey, type UiLang } from '../../../i18n';
import type { WorkflowEditorContext } from './workflow-context';
import { ACTION_FIELDS, retypeAction, type Action } from './workflow-model';

const KINDS: { value: Action['do']; key: UiKey }[] = [
  { value: 'startClock', key: 'studio.wf.do.startClock' },
  { value: 'stopClock', key: 'studio.wf.do.stopClock' },
  { value: 'assignResponsible', key: 'studio.wf.do.assignResponsible' },
  { value: 'escalate', key: 'studio.wf.do.escalate' },
  { value: 'createTasks', key: 'studio.wf.do.createTasks' },
  { value: 'notify', key: 'studio.wf.do.notify' },
  { value: 'requestSatisfaction', key: 'studio.wf.do.requestSatisfaction' },
  { value: 'closeNotices', key: 'studio.wf.do.closeNotices' },
  { value: 'hook', key: 'studio.wf.do.hook' },
];

/**
 * A list of workflow actions (a state's onEnter, a transition's actions), each with the fields its
 * kind uses: SLA clocks from the district's profiles, escalation to an org level, notified roles…
 */
export function ActionListEditor(props: { actions: Action[]; onChange: (actions: Action[]) => void; context: WorkflowEditorContext; lang: UiLang; label: string; states: string[] }) {
  const { actions, onChange, context, lang } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const set = (i: number, next: Action) => onChange(actions.map((a, j) => (j === i ? next : a)));
  const patch = (i: number, p: Partial<Action>) => {
    const next = { ...actions[i], ...p } as Record<string, unknown>;
    for (const k of Object.keys(p)) if (next[k] === undefined || next[k] === '') delete next[k];
    set(i, next as unknown as Action);
  };
  return (
    <div role="group" aria-label={props.label}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{props.label}</div>
      <Space orientation="vertical" style={{ width: '100%' }} size={6}>
        {actions.map((a, i) => {
          const fields = ACTION_FIELDS[a.do];
          return (
            <Card key={i} size="small" data-action={a.do}>
              <Space wrap size={6}>
                <Select
                  aria-label={tx('studio.wf.actionKind')}
                  value={a.do}
                  style={{ minWidth: 150 }}
                  options={KINDS.map((k) => ({ value: k.value, label: tx(k.key) }))}
                  onChange={(v) => set(i, retypeAction(a, v))}
                />
                {fields.includes('clock') && (
                  <Select
                    aria-label={tx('studio.wf.clock')}
                    placeholder={tx('studio.wf.clock')}
                    value={a.clock}
                    style={{ minWidth: 160 }}
                    options={[...context.clocks, ...(a.do === 'stopClock' ? [{ value: '*', label: tx('studio.wf.allClocks') }] : [])]}
                    onChange={(v) => patch(i, { clock: v })}
                  />
                )}
                {fields.includes('level') && (
                  <Select
                    aria-label={tx('studio.wf.escalateTo')}
                    placeholder={tx('studio.wf.oneLevelUp')}
                    allowClear
                    value={a.level}
                    style={{ minWidth: 140 }}
                    options={context.levels}
                    onChange={(v) => patch(i, { level: v })}
                  />
                )}
                {fields.includes('to') && (
                  <Select
                    aria-label={tx('studio.wf.responsible')}
                    value={a.to}
                    style={{ minWidth: 140 }}
                    options={[
                      { value: 'caseUnit', label: tx('studio.wf.to.caseUnit') },
                      { value: 'formUnit', label: tx('studio.wf.to.formUnit') },
                      { value: 'parentUnit', label: tx('studio.wf.to.parentUnit') },
                    ]}
                    onChange={(v) => patch(i, { to: v })}
                  />
                )}
                {fields.includes('field') && (
                  <Input aria-label={tx('studio.wf.formField')} placeholder={tx('studio.wf.formField')} value={a.field ?? ''} style={{ width: 140 }} onChange={(e) => patch(i, { field: e.target.value })} />
                )}
                {fields.includes('completion') && (
                  <Select
                    aria-label={tx('studio.wf.completion')}
                    value={a.completion}
                    style={{ minWidth: 120 }}
                    options={[
                      { value: 'all', label: tx('studio.wf.completion.all') },
                      { value: 'lead', label: tx('studio.wf.completion.lead') },
                    ]}
                    onChange={(v) => patch(i, { completion: v })}
                  />
                )}
                {fields.includes('onComplete') && (
                  <Input aria-label={tx('studio.wf.onComplete')} placeholder={tx('studio.wf.onComplete')} value={a.onComplete ?? ''} style={{ width: 140 }} onChange={(e) => patch(i, { onComplete: e.target.value })} />
                )}
                {fields.includes('roles') && (
                  <Select
                    mode="multiple"
                    aria-label={tx('studio.wf.notifyRoles')}
                    placeholder={tx('studio.wf.notifyRoles')}
                    value={a.roles ?? []}
                    style={{ minWidth: 220 }}
                    options={context.roles}
                    onChange={(v) => patch(i, { roles: v.length ? v : undefined })}
                  />
                )}
                {fields.includes('message') && (
                  <Input
                    aria-label={tx('studio.wf.message')}
                    placeholder={tx('studio.wf.message')}
                    value={a.message?.['zh-CN'] ?? ''}
                    style={{ width: 220 }}
                    onChange={(e) => patch(i, { message: e.target.value ? { ...a.message, 'zh-CN': e.target.value } : undefined })}
                  />
                )}
                {fields.includes('name') && (
                  <Input aria-label={tx('studio.wf.hookName')} placeholder={tx('studio.wf.hookName')} value={a.name ?? ''} style={{ width: 160 }} onChange={(e) => patch(i, { name: e.target.value })} />
                )}
                <Button danger size="small" onClick={() => onChange(actions.filter((_, j) => j !== i))}>
                  {tx('studio.edit.remove')}
                </Button>
              </Space>
            </Card>
          );
        })}
        <Button size="small" onClick={() => onChange([...actions, { do: 'startClock' }])}>
          {tx('studio.wf.addAction')}
        </Button>
      </Space>
    </div>
  );
}
