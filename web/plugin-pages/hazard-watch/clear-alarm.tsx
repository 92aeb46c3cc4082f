'use client';

import { useId, useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import { useAction } from '../use-action';

/** Clears an open alarm by hand (the monitoring system usually does): closes its case, records the minutes. */
export function ClearAlarm({ lang, alarmId }: { lang: UiLang; alarmId: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const id = useId();
  const [note, setNote] = useState('');
  const action = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => trpc.plugins['hazard-watch'].clearAlarm.mutate({ alarmId, ...(note.trim() ? { note: note.trim() } : {}) }));
      }}
      style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}
    >
      <label htmlFor={`${id}-note`} className="gw-meta">
        {tx('hw.clearNote')}
      </label>
      <input id={`${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} style={{ minHeight: 36 }} />
      <button type="submit" className="gw-button-primary" disabled={action.busy} data-action="clear-alarm">
        {tx('hw.clear')}
      </button>
      {action.error && (
        <span role="alert" className="gw-overdue">
          {action.error}
        </span>
      )}
    </form>
  );
}
