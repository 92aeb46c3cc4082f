'use client';

import { Alert, Button, Space } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { uiText, type UiLang } from '../i18n';
import { callError, trpc } from '../lib/trpc-client';
import { FormPanel, type PickerUnit } from './form-panel';

export interface TransitionOption {
  key: string;
  label: string;
  schema: Record<string, unknown> | null;
}

/**
 * The transitions this user may fire now (from case.available): one button each; a transition
 * with a form opens it below, one without fires at once.
 */
export function TransitionActions(props: { lang: UiLang; entity: string; id: string; version: number; transitions: TransitionOption[]; orgUnits?: PickerUnit[] }) {
  const { lang, entity, id, version, transitions } = props;
  const router = useRouter();
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = transitions.find((t) => t.key === open);

  async function fireNow(key: string) {
    setBusy(key);
    setError(null);
    try {
      await trpc.case.fire.mutate({ entity, id, transition: key, version });
      router.refresh();
    } catch (e) {
      setError(callError(e).message);
    } finally {
      setBusy(null);
    }
  }

  if (!transitions.length) return null;
  return (
    <section className="gw-section" aria-labelledby="gw-actions">
      <h2 id="gw-actions">{uiText(lang, 'case.actions')}</h2>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
      <Space wrap>
        {transitions.map((t) => (
          <Button
            key={t.key}
            size="large"
            type={open === t.key ? 'primary' : 'default'}
            loading={busy === t.key}
            aria-expanded={t.schema ? open === t.key : undefined}
            data-transition={t.key}
            onClick={() => (t.schema ? setOpen(open === t.key ? null : t.key) : fireNow(t.key))}
          >
            {t.label}
          </Button>
        ))}
      </Space>
      {current?.schema && (
        <div style={{ marginTop: 12, background: '#fff', border: '1px solid #d9d9d9', borderRadius: 8, padding: 12 }} data-form={current.key}>
          <h3 style={{ fontSize: 16, marginTop: 0 }}>{current.label}</h3>
          <FormPanel
            key={current.key}
            lang={lang}
            schema={current.schema}
            action={{ kind: 'fire', entity, id, transition: current.key, version }}
            draftKey={`fire:${id}:${current.key}`}
            orgUnits={props.orgUnits}
          />
        </div>
      )}
    </section>
  );
}
