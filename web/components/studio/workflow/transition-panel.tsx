'use client';

import { Button, Checkbox, Popconfirm, Select, Space, Switch } from 'antd';
import { localized, uiText, type UiKey, type UiLang } from '../../../i18n';
import { ActionListEditor } from './action-list-editor';
import { LabelInputs } from './label-inputs';
import { TransitionFormEditor } from './transition-form-editor';
import type { WorkflowEditorContext } from './workflow-context';
import { removeTransition, updateTransition, type WorkflowDefinition, type WorkflowTransition } from './workflow-model';

/** Edits one transition: label, from/to, roles allowed, the form it requires, its actions (clocks…). */
export function TransitionPanel(props: { definition: WorkflowDefinition; transitionKey: string; onChange: (def: WorkflowDefinition) => void; onRemoved: () => void; context: WorkflowEditorContext; lang: UiLang }) {
  const { definition, transitionKey, onChange, context, lang } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const t = definition.transitions.find((x) => x.key === transitionKey);
  if (!t) return null;
  const patch = (p: Partial<WorkflowTransition>) => onChange(updateTransition(definition, transitionKey, p));
  const states = definition.states.map((s) => ({ value: s.key, label: localized(s.label, lang) }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-panel="transition">
      <h3 style={{ margin: 0 }}>
        {tx('studio.wf.transition')} <code>{t.key}</code>
      </h3>
      <LabelInputs value={t.label} lang={lang} onChange={(label) => patch({ label })} />
      <label>
        {tx('studio.wf.from')}
        <Select mode="multiple" aria-label={tx('studio.wf.from')} style={{ width: '100%' }} value={t.from} options={states} onChange={(from) => from.length && patch({ from: from as WorkflowTransition['from'] })} />
      </label>
      <label>
        {tx('studio.wf.to')}
        <Select aria-label={tx('studio.wf.to')} style={{ width: '100%' }} value={t.to} options={states} onChange={(to) => patch({ to })} />
      </label>
      <div role="group" aria-label={tx('studio.wf.roles')}>
        <div style={{ fontWeight: 600 }}>{tx('studio.wf.roles')}</div>
        <Checkbox.Group value={t.roles} options={context.roles} onChange={(roles) => patch({ roles: roles as string[] })} />
      </div>
      <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Switch checked={!!t.system} onChange={(system) => patch({ system })} aria-label={tx('studio.wf.system')} />
        {tx('studio.wf.system')}
      </label>
      <TransitionFormEditor form={t.form} onChange={(form) => patch({ form })} lang={lang} />
      <ActionListEditor label={tx('studio.wf.actions')} actions={t.actions ?? []} onChange={(actions) => patch({ actions })} context={context} lang={lang} states={definition.states.map((s) => s.key)} />
      <Popconfirm title={tx('studio.wf.removeTransitionConfirm')} onConfirm={() => (onChange(removeTransition(definition, transitionKey)), props.onRemoved())} okText={tx('studio.edit.remove')} cancelText={tx('studio.edit.cancel')}>
        <Button danger>{tx('studio.wf.removeTransition')}</Button>
      </Popconfirm>
    </Space>
  );
}
