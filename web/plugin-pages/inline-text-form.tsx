'use client';

import { useId, useState } from 'react';
import { ActionFooter } from './action-footer';
import { useAction } from './use-action';

/**
 * A one-line action in a table row: a labelled text field (a note, the evidence) and its submit
 * button; `call` gets the trimmed text. `issuePath` is the field's pointer in the call's input, so
 * the server's message about it is the one shown.
 */
export function InlineTextForm({ label, maxLength, submitLabel, name, issuePath, call }: { label: string; maxLength: number; submitLabel: string; name: string; issuePath?: string; call: (text: string) => Promise<unknown> }) {
  const id = useId();
  const [text, setText] = useState('');
  const action = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => call(text.trim()));
      }}
      style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}
    >
      <label htmlFor={`${id}-text`} className="gw-meta">
        {label}
      </label>
      <input id={`${id}-text`} value={text} maxLength={maxLength} onChange={(e) => setText(e.target.value)} style={{ minHeight: 36 }} />
      <ActionFooter action={action} label={submitLabel} name={name} inline issuePath={issuePath} />
    </form>
  );
}
