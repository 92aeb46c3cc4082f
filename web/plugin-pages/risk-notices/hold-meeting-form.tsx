'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import type { UnitOption } from '../unit-options';
import { useAction } from '../use-action';

/** 召开会议: the kind and who attends; the server builds the agenda at this moment. */
export function HoldMeetingForm({ lang, kinds, units, defaultKind, path }: { lang: UiLang; kinds: { key: string; label: string }[]; units: UnitOption[]; defaultKind?: string; path: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const id = useId();
  const router = useRouter();
  const [kind, setKind] = useState(defaultKind ?? kinds[0]?.key ?? '');
  const [attendees, setAttendees] = useState([{ name: '', unitId: '' }]);
  const action = useAction();
  const set = (i: number, patch: Partial<{ name: string; unitId: string }>) => setAttendees((rows) => rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <form
      className="gw-filters"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const list = attendees.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), ...(a.unitId ? { unitId: a.unitId } : {}) }));
        void action.run(() => trpc.plugins['risk-notices'].holdMeeting.mutate({ kind, attendees: list }), (m: { id: string }) => router.push(`${path}?id=${m.id}`));
      }}
      style={{ flexDirection: 'column', alignItems: 'stretch' }}
    >
      <h2 id={`${id}-title`} style={{ fontSize: 17, margin: 0 }}>
        {tx('rn.hold')}
      </h2>
      <label>
        {tx('rn.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k.key} value={k.key}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: 6 }}>
        <legend>{tx('rn.attendees')}</legend>
        {attendees.map((a, i) => (
          <div key={i} style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <label>
              {tx('rn.attendeeName')} {i + 1}
              <input value={a.name} maxLength={50} onChange={(e) => set(i, { name: e.target.value })} />
            </label>
            <label>
              {tx('rn.attendeeUnit')} {i + 1}
              <select value={a.unitId} onChange={(e) => set(i, { unitId: e.target.value })}>
                <option value="">—</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
            {action.issueAt(`/attendees/${i}/unitId`) && <span className="gw-overdue">{action.issueAt(`/attendees/${i}/unitId`)}</span>}
          </div>
        ))}
      </fieldset>
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="button" onClick={() => setAttendees((rows) => [...rows, { name: '', unitId: '' }])} style={{ minHeight: 44 }}>
          {tx('rn.addAttendee')}
        </button>
        <button type="submit" className="gw-button-primary" disabled={action.busy} data-action="hold-meeting">
          {tx('rn.holdSubmit')}
        </button>
      </div>
      {action.error && (
        <p role="alert" className="gw-overdue">
          {action.error}
        </p>
      )}
    </form>
  );
}
