'use client';

import { InputNumber, Select, Space, Switch } from 'antd';
import { localized, uiText, type UiKey, type UiLang } from '../../../i18n';
import { LabelInputs } from './label-inputs';
import type { WorkflowEditorContext } from './workflow-context';
import type { WorkflowDefinition } from './workflow-model';

type Supervision = NonNullable<WorkflowDefinition['supervision']>;

/** The workflow's own settings: label, initial state, default SLA profile, what a breach does (督办, escalation). */
export function WorkflowSettingsPanel({ definition, onChange, context, lang }: { definition: WorkflowDefinition; onChange: (def: WorkflowDefinition) => void; context: WorkflowEditorContext; lang: UiLang }) {
  const tx = (k: UiKey) => uiText(lang, k);
  const sup = definition.supervision ?? {};
  const setSup = (p: Partial<Supervision>) => {
    const next = { ...sup, ...p } as Record<string, unknown>;
    for (const k of Object.keys(p)) if (next[k] === undefined || next[k] === null || (Array.isArray(next[k]) && !(next[k] as unknown[]).length)) delete next[k];
    onChange({ ...definition, supervision: next as Supervision });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-panel="workflow">
      <h3 style={{ margin: 0 }}>{tx('studio.wf.settings')}</h3>
      <p style={{ margin: 0, color: '#666' }}>{tx('studio.wf.selectHint')}</p>
      <LabelInputs value={definition.label} lang={lang} onChange={(label) => onChange({ ...definition, label })} />
      <label>
        {tx('studio.wf.initialState')}
        <Select aria-label={tx('studio.wf.initialState')} style={{ width: '100%' }} value={definition.initial} options={definition.states.map((s) => ({ value: s.key, label: localized(s.label, lang) }))} onChange={(initial) => onChange({ ...definition, initial })} />
      </label>
      <label>
        {tx('studio.wf.slaProfile')}
        <Select
          aria-label={tx('studio.wf.slaProfile')}
          allowClear
          style={{ width: '100%' }}
          value={definition.slaProfile}
          options={context.slaProfiles}
          onChange={(slaProfile) => {
            const { slaProfile: _old, ...rest } = definition;
            onChange(slaProfile ? { ...rest, slaProfile } : rest);
          }}
        />
      </label>
      <div style={{ fontWeight: 600 }}>{tx('studio.wf.supervision')}</div>
      <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Switch checked={sup.reminderOnBreach ?? true} onChange={(reminderOnBreach) => setSup({ reminderOnBreach })} />
        {tx('studio.wf.reminderOnBreach')}
      </label>
      <label>
        {tx('studio.wf.supervisionAfter')}
        <InputNumber min={0} style={{ width: '100%' }} value={sup.supervisionAfterMinutes} onChange={(v) => setSup({ supervisionAfterMinutes: v ?? undefined })} />
      </label>
      <label>
        {tx('studio.wf.supervisionDeadline')}
        <InputNumber min={1} style={{ width: '100%' }} value={sup.supervisionDeadlineMinutes} onChange={(v) => setSup({ supervisionDeadlineMinutes: v ?? undefined })} />
      </label>
      <label style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Switch checked={!!sup.escalateOnBreach} onChange={(escalateOnBreach) => setSup({ escalateOnBreach })} />
        {tx('studio.wf.escalateOnBreach')}
      </label>
      <label>
        {tx('studio.wf.escalationTargets')}
        <Select mode="multiple" aria-label={tx('studio.wf.escalationTargets')} style={{ width: '100%' }} value={sup.notifyRoles ?? []} options={context.roles} onChange={(notifyRoles) => setSup({ notifyRoles })} />
      </label>
    </Space>
  );
}
