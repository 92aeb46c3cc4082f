'use client';

import { Checkbox, Input } from 'antd';
import { useEffect, useState } from 'react';
import { uiText, type UiKey, type UiLang } from '../../../i18n';
import type { WorkflowTransition } from './workflow-model';

type TransitionForm = NonNullable<WorkflowTransition['form']>;

function formProblem(value: unknown): UiKey | null {
  const v = value as { type?: unknown; properties?: unknown } | null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'studio.wf.formNotObject';
  if (v.type !== 'object' || !v.properties || typeof v.properties !== 'object') return 'studio.wf.formNotObject';
  return null;
}

/**
 * The form a transition requires: which of its fields are required (ticks), and its JSON Schema
 * as text for anything else (applied once it parses as an object schema; empty removes the form).
 */
export function TransitionFormEditor({ form, onChange, lang }: { form: TransitionForm | undefined; onChange: (form: TransitionForm | undefined) => void; lang: UiLang }) {
  const tx = (k: UiKey) => uiText(lang, k);
  const serialised = form ? JSON.stringify(form.schema, null, 2) : '';
  const [text, setText] = useState(serialised);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setText(serialised);
    setProblem(null);
  }, [serialised]);
  const properties = (form?.schema.properties ?? {}) as Record<string, { title?: string }>;
  const required = form?.schema.required ?? [];
  function edit(next: string) {
    setText(next);
    if (!next.trim()) {
      setProblem(null);
      onChange(undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch (e) {
      setProblem(`${tx('studio.wf.formInvalidJson')}: ${(e as Error).message}`);
      return;
    }
    const why = formProblem(parsed);
    if (why) return setProblem(tx(why));
    setProblem(null);
    onChange({ ...form, schema: parsed as TransitionForm['schema'] });
  }
  return (
    <div data-panel="form">
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{tx('studio.wf.requiredForm')}</div>
      {Object.keys(properties).length > 0 && (
        <div style={{ marginBottom: 6 }}>
          {Object.entries(properties).map(([name, p]) => (
            <Checkbox
              key={name}
              checked={required.includes(name)}
              onChange={(e) => {
                const next = e.target.checked ? [...required, name] : required.filter((r) => r !== name);
                const schema: Record<string, unknown> = { ...form!.schema, required: next };
                if (!next.length) delete schema.required;
                onChange({ ...form!, schema: schema as TransitionForm['schema'] });
              }}
            >
              {tx('studio.wf.fieldRequired')}: {p.title ?? name}
            </Checkbox>
          ))}
        </div>
      )}
      <Input.TextArea
        aria-label={tx('studio.wf.formSchema')}
        placeholder={tx('studio.wf.noForm')}
        value={text}
        onChange={(e) => edit(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 14 }}
        status={problem ? 'error' : undefined}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
      {problem && (
        <div role="alert" style={{ color: '#d4380d' }}>
          {problem}
        </div>
      )}
    </div>
  );
}
