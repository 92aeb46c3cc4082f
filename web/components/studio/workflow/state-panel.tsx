'use client';

import { Button, Popconfirm, Space, Switch, Tag } from 'antd';
import { uiText, type UiKey, type UiLang } from '../../../i18n';
import { ActionListEditor } from './action-list-editor';
import { LabelInputs } from './label-inputs';
import type { WorkflowEditorContext } from './workflow-context';
import { removeState, updateState, type GraphProblem, type WorkflowDefinition } from './workflow-model';

/** Edits one state: its label, whether it is final, what happens on entering it; make it initial, remove it. */
export function StatePanel(props: { definition: WorkflowDefinition; stateKey: string; problem?: GraphProblem['kind']; onChange: (def: WorkflowDefinition) => void; onRemoved: () => void; context: WorkflowEditorContext; lang: UiLang }) {
  const { definition, stateKey, onChange, lang } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const state = definition.states.find((s) => s.key === stateKey);
  if (!state) return null;
  const initial = definition.initial === stateKey;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-panel="state">
      <h3 style={{ margin: 0 }}>
        {tx('studio.wf.state')} <code>{state.key}</code> {initial && <Tag color="blue">{tx('studio.wf.initial')}</Tag>}
        {props.problem && <Tag color="red">{tx(props.problem === 'deadEnd' ? 'studio.wf.deadEnd' : 'studio.wf.unreachable')}</Tag>}
      </h3>
      {props.problem && <p style={{ color: '#d4380d', margin: 0 }}>{tx(props.problem === 'deadEnd' ? 'studio.wf.deadEndHelp' : 'studio.wf.unreachableHelp')}</p>}
      <LabelInputs value={state.label} lang={lang} onChange={(label) => onChange(updateState(definition, stateKey, { label }))} />
      <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Switch checked={!!state.final} onChange={(final) => onChange(updateState(definition, stateKey, { final }))} aria-label={tx('studio.wf.final')} />
        {tx('studio.wf.finalState')}
      </label>
      <ActionListEditor
        label={tx('studio.wf.onEnter')}
        actions={state.onEnter ?? []}
        onChange={(onEnter) => onChange(updateState(definition, stateKey, { onEnter }))}
        context={props.context}
        lang={lang}
        states={definition.states.map((s) => s.key)}
      />
      <Space>
        <Button disabled={initial} onClick={() => onChange({ ...definition, initial: stateKey })}>
          {tx('studio.wf.makeInitial')}
        </Button>
        <Popconfirm title={tx('studio.wf.removeStateConfirm')} onConfirm={() => (onChange(removeState(definition, stateKey)), props.onRemoved())} okText={tx('studio.edit.remove')} cancelText={tx('studio.edit.cancel')}>
          <Button danger disabled={initial}>
            {tx('studio.wf.removeState')}
          </Button>
        </Popconfirm>
      </Space>
    </Space>
  );
}
