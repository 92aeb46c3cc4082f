'use client';

import { Alert, Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { localized, uiText, type UiKey, type UiLang } from '../../../i18n';
import { addState, addTransition, keyProblem, type WorkflowDefinition, type WorkflowTransition } from './workflow-model';

/** Adds a state, or a transition between existing states: a key (checked as you type), a Chinese label, and for a transition its ends. */
export function AddItemForm(props: { kind: 'state' | 'transition'; definition: WorkflowDefinition; onAdded: (def: WorkflowDefinition, key: string) => void; onCancel: () => void; lang: UiLang }) {
  const { kind, definition, lang } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [from, setFrom] = useState<string[]>([]);
  const [to, setTo] = useState<string | undefined>();
  const problem = key ? keyProblem(definition, kind, key) : null;
  const states = definition.states.map((s) => ({ value: s.key, label: localized(s.label, lang) }));
  const ready = key && !problem && label.trim() && (kind === 'state' || (from.length && to));
  function add() {
    if (!ready) return;
    const text = { 'zh-CN': label.trim() };
    const next = kind === 'state' ? addState(definition, key, text) : addTransition(definition, { key, label: text, from: from as WorkflowTransition['from'], to: to! });
    props.onAdded(next, key);
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-panel={`add-${kind}`}>
      <h3 style={{ margin: 0 }}>{tx(kind === 'state' ? 'studio.wf.addState' : 'studio.wf.addTransition')}</h3>
      <label>
        {tx('studio.edit.key')}
        <Input value={key} onChange={(e) => setKey(e.target.value.trim())} status={problem ? 'error' : undefined} placeholder="newState" />
      </label>
      {problem && <Alert type="error" title={tx(problem === 'taken' ? 'studio.edit.keyTaken' : 'studio.edit.keyFormat')} />}
      <label>
        {tx('studio.edit.labelZh')}
        <Input value={label} onChange={(e) => setLabel(e.target.value)} />
      </label>
      {kind === 'transition' && (
        <>
          <label>
            {tx('studio.wf.from')}
            <Select mode="multiple" aria-label={tx('studio.wf.from')} style={{ width: '100%' }} value={from} options={states} onChange={setFrom} />
          </label>
          <label>
            {tx('studio.wf.to')}
            <Select aria-label={tx('studio.wf.to')} style={{ width: '100%' }} value={to} options={states} onChange={setTo} />
          </label>
        </>
      )}
      <Space>
        <Button type="primary" disabled={!ready} onClick={add}>
          {tx('studio.edit.add')}
        </Button>
        <Button onClick={props.onCancel}>{tx('studio.edit.cancel')}</Button>
      </Space>
    </Space>
  );
}
