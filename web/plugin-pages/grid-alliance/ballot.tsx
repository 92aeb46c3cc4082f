'use client';

import { useId, useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import { ActionFooter } from '../action-footer';
import { useAction } from '../use-action';

/** The ballot of an open deliberation: one vote per person (the server refuses a second or a late one). */
export function Ballot({ lang, id, options }: { lang: UiLang; id: string; options: string[] }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const name = useId();
  const [option, setOption] = useState('');
  const action = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!option) return action.fail(tx('ga.chooseOption'));
        void action.run(() => trpc.plugins['grid-alliance'].vote.mutate({ id, option }));
      }}
    >
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>{tx('ga.yourVote')}</legend>
        {options.map((o) => (
          <label key={o} style={{ display: 'flex', gap: 8, alignItems: 'center', minHeight: 44 }}>
            <input type="radio" name={name} value={o} checked={option === o} onChange={() => setOption(o)} />
            {o}
          </label>
        ))}
      </fieldset>
      <ActionFooter action={action} label={tx('ga.vote')} name="vote" />
    </form>
  );
}

/** A comment on an open deliberation. */
export function CommentForm({ lang, id }: { lang: UiLang; id: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const field = useId();
  const [body, setBody] = useState('');
  const action = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => trpc.plugins['grid-alliance'].comment.mutate({ id, body: body.trim() }), () => setBody(''));
      }}
      style={{ display: 'grid', gap: 6, marginTop: 12 }}
    >
      <label htmlFor={field}>{tx('ga.comment')}</label>
      <textarea id={field} value={body} rows={2} maxLength={2000} onChange={(e) => setBody(e.target.value)} />
      <ActionFooter action={action} label={tx('ga.commentSubmit')} name="comment" buttonStyle={{ justifySelf: 'start' }} />
    </form>
  );
}
