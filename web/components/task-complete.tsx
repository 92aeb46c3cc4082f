'use client';

import { Alert, Button, Input } from 'antd';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { uiText, type UiLang } from '../i18n';
import { callError, trpc } from '../lib/trpc-client';

/** A department finishes its co-handling task with a result (case.completeTask). */
export function TaskComplete({ lang, entity, id, taskId }: { lang: UiLang; entity: string; id: string; taskId: string }) {
  const router = useRouter();
  const inputId = useId();
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await trpc.case.completeTask.mutate({ entity, id, taskId, result });
      router.refresh();
    } catch (err) {
      const failure = callError(err);
      setError(failure.issues[0]?.message ?? failure.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} style={{ marginTop: 8 }}>
      <label htmlFor={inputId}>{uiText(lang, 'task.result')}</label>
      <Input.TextArea id={inputId} value={result} onChange={(e) => setResult(e.target.value)} rows={3} aria-invalid={!!error} aria-describedby={error ? `${inputId}-error` : undefined} />
      {error && (
        <Alert id={`${inputId}-error`} type="error" title={error} role="alert" style={{ marginTop: 4 }} />
      )}
      <Button htmlType="submit" type="primary" size="large" loading={busy} style={{ marginTop: 8 }}>
        {uiText(lang, 'task.complete')}
      </Button>
    </form>
  );
}
