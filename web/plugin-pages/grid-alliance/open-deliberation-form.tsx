'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import { ActionFooter } from '../action-footer';
import { FieldIssue } from '../field-issue';
import { OptionSelect } from '../option-select';
import type { UnitOption } from '../unit-options';
import { useAction } from '../use-action';

/**
 * 发起协商议事: a topic for a unit, the options (one a line) and the deadline for votes. An empty
 * deadline is refused here, at the field, in words (the schema would only say "format date-time");
 * the server checks the rest (a past deadline, too few options).
 */
export function OpenDeliberationForm({ lang, units, path }: { lang: UiLang; units: UnitOption[]; path: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const router = useRouter();
  const [orgUnitId, setUnit] = useState(units[0]?.id ?? '');
  const [topic, setTopic] = useState('');
  const [options, setOptions] = useState('');
  const [deadline, setDeadline] = useState('');
  const action = useAction();
  return (
    <form
      className="gw-filters"
      style={{ flexDirection: 'column', alignItems: 'stretch' }}
      onSubmit={(e) => {
        e.preventDefault();
        if (!deadline) return action.fail(tx('ga.deadlineRequired'), '/deadline');
        const list = options.split('\n').map((o) => o.trim()).filter(Boolean);
        void action.run(
          () => trpc.plugins['grid-alliance'].openDeliberation.mutate({ orgUnitId, topic: topic.trim(), options: list, deadline: new Date(deadline).toISOString() }),
          (d) => router.push(`${path}?id=${d.id}`),
        );
      }}
    >
      <OptionSelect label={tx('ga.delUnit')} value={orgUnitId} onChange={setUnit} options={units} issue={<FieldIssue action={action} path="/orgUnitId" />} />
      <label>
        {tx('ga.topic')}
        <input value={topic} maxLength={500} onChange={(e) => setTopic(e.target.value)} />
        <FieldIssue action={action} path="/topic" />
      </label>
      <label>
        {tx('ga.options')}
        <textarea value={options} rows={3} onChange={(e) => setOptions(e.target.value)} />
        <FieldIssue action={action} path="/options" />
      </label>
      <label>
        {tx('ga.deadline')}
        <input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        <FieldIssue action={action} path="/deadline" />
      </label>
      <ActionFooter action={action} label={tx('ga.open')} name="open-deliberation" />
    </form>
  );
}
