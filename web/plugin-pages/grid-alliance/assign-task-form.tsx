'use client';

import { useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import { ActionFooter } from '../action-footer';
import { FieldIssue } from '../field-issue';
import { OptionSelect, type SelectOption } from '../option-select';
import type { UnitOption } from '../unit-options';
import { useAction } from '../use-action';

/** 联动办事: hands a job to one alliance member, on the alliance's clock. */
export function AssignTaskForm({ lang, units, members, items }: { lang: UiLang; units: UnitOption[]; members: SelectOption[]; items: SelectOption[] }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const [orgUnitId, setUnit] = useState(units[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [memberId, setMember] = useState('');
  const [serviceItemId, setItem] = useState('');
  const action = useAction();
  return (
    <form
      className="gw-filters"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(
          () => trpc.plugins['grid-alliance'].assignTask.mutate({ orgUnitId, title: title.trim(), memberId, ...(serviceItemId ? { serviceItemId } : {}) }),
          () => setTitle(''),
        );
      }}
    >
      <OptionSelect label={tx('ga.taskUnit')} value={orgUnitId} onChange={setUnit} options={units} />
      <label>
        {tx('ga.taskTitle')}
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <FieldIssue action={action} path="/title" />
      </label>
      <OptionSelect label={tx('ga.taskMember')} value={memberId} onChange={setMember} options={members} blank issue={<FieldIssue action={action} path="/memberId" />} />
      <OptionSelect label={tx('ga.taskItem')} value={serviceItemId} onChange={setItem} options={items} blank />
      <ActionFooter action={action} label={tx('ga.assign')} name="assign-task" />
    </form>
  );
}
