'use client';

import { Alert, Button, Input, Rate } from 'antd';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { uiText, type UiLang } from '../i18n';
import { callError, trpc } from '../lib/trpc-client';

/** The reporter rates a closed case once per closure, 1–5 stars and an optional comment. */
export function RateCase({ lang, entity, id }: { lang: UiLang; entity: string; id: string }) {
  const router = useRouter();
  const base = useId();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!rating) {
      setError(tx('rate.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await trpc.case.rate.mutate({ entity, id, rating, ...(comment ? { comment } : {}) });
      router.refresh();
    } catch (err) {
      setError(callError(err).message);
    } finally {
      setBusy(false);
    }
  }
  const labels = [tx('rate.1'), tx('rate.2'), tx('rate.3'), tx('rate.4'), tx('rate.5')];
  return (
    <form onSubmit={submit} className="gw-section" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>{tx('rate.title')}</h2>
      <div role="group" aria-label={tx('rate.title')}>
        <Rate value={rating} onChange={setRating} tooltips={labels} style={{ fontSize: 32 }} />
        {rating > 0 && <span style={{ marginLeft: 8 }}>{labels[rating - 1]}</span>}
      </div>
      <label htmlFor={`${base}-comment`} style={{ display: 'block', marginTop: 8 }}>
        {tx('rate.comment')}
      </label>
      <Input.TextArea id={`${base}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={1000} />
      {error && <Alert type="error" title={error} role="alert" style={{ marginTop: 4 }} />}
      <Button htmlType="submit" type="primary" size="large" loading={busy} style={{ marginTop: 8 }} data-action="rate">
        {tx('rate.submit')}
      </Button>
    </form>
  );
}
