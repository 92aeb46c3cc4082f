'use client';

import { useId, useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import { useAction } from '../use-action';

/** 销号: closes a notice off with the evidence of what was done. */
export function CloseNoticeForm({ lang, noticeId }: { lang: UiLang; noticeId: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const id = useId();
  const [text, setText] = useState('');
  const action = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => trpc.plugins['risk-notices'].closeNotice.mutate({ noticeId, evidence: { text: text.trim() } }));
      }}
      style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}
    >
      <label htmlFor={`${id}-evidence`} className="gw-meta">
        {tx('rn.evidence')}
      </label>
      <input id={`${id}-evidence`} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} style={{ minHeight: 36 }} />
      <button type="submit" className="gw-button-primary" disabled={action.busy} data-action="close-notice">
        {tx('rn.close')}
      </button>
      {action.error && (
        <span role="alert" className="gw-overdue">
          {action.issueAt('/evidence/text') ?? action.error}
        </span>
      )}
    </form>
  );
}
