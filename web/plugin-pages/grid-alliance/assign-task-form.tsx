'use client';

import { useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import type { UnitOption } from '../unit-options';
import { useAction } from '../use-action';

/** 联动办事: hands a job to one alliance member, on the alliance's clock. */
export function AssignTaskForm({ lang, units, members, items }: { lang: UiLang; units: UnitOption[]; members: { id: string; name: string }[]; items: { id: string; name: string }[] }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const [orgUnitId, setUnit] = useState(units[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [memberId, setMember] = useState('');
  const [serviceItemId, setItem] = useState('');
  const action = useAction();
  const issue = (path: string) => action.issueAt(path) && <span className="gw-overdue">{action.issueAt(path)}</span>;
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
      <label>
        {tx('ga.taskUnit')}
        <select value={orgUnitId} onChange={(e) => setUnit(e.target.value)}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tx('ga.taskTitle')}
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        {issue('/title')}
      </label>
      <label>
        {tx('ga.taskMember')}
        <select value={memberId} onChange={(e) => setMember(e.target.value)}>
          <option value="">—</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        {issue('/memberId')}
      </label>
      <label>
        {tx('ga.taskItem')}
        <select value={serviceItemId} onChange={(e) => setItem(e.target.value)}>
          <option value="">—</option>
          {items.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="gw-button-primary" disabled={action.busy} data-action="assign-task">
        {tx('ga.assign')}
      </button>
      {action.error && (
        <p role="alert" className="gw-overdue">
          {action.error}
        </p>
      )}
    </form>
  );
}
