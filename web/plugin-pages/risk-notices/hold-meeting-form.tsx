'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import type { UnitOption } from '../unit-options';
import { ActionFooter } from '../action-footer';
import { FieldIssue } from '../field-issue';
import { OptionSelect, type SelectOption } from '../option-select';
import { useAction } from '../use-action';

/** 召开会议: the kind and who attends; the server builds the agenda at this moment. */
export function HoldMeetingForm({ lang, kinds, units, defaultKind, path }: { lang: UiLang; kinds: SelectOption[]; units: UnitOption[]; defaultKind?: string; path: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const id = useId();
  const router = useRouter();
  const [kind, setKind] = useState(defaultKind ?? kinds[0]?.id ?? '');
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
        void action.run(() => trpc.plugins['risk-notices'].holdMeeting.mutate({ kind, attendees: list }), (m) => router.push(`${path}?id=${m.id}`));
      }}
      style={{ flexDirection: 'column', alignItems: 'stretch' }}
    >
      <h2 id={`${id}-title`} style={{ fontSize: 17, margin: 0 }}>
        {tx('rn.hold')}
      </h2>
      <OptionSelect label={tx('rn.kind')} value={kind} onChange={setKind} options={kinds} />
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: 6 }}>
        <legend>{tx('rn.attendees')}</legend>
        {attendees.map((a, i) => (
          <div key={i} style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <label>
              {tx('rn.attendeeName')} {i + 1}
              <input value={a.name} maxLength={50} onChange={(e) => set(i, { name: e.target.value })} />
            </label>
            <OptionSelect label={`${tx('rn.attendeeUnit')} ${i + 1}`} value={a.unitId} onChange={(unitId) => set(i, { unitId })} options={units} blank />
            <FieldIssue action={action} path={`/attendees/${i}/unitId`} />
          </div>
        ))}
      </fieldset>
      <ActionFooter action={action} label={tx('rn.holdSubmit')} name="hold-meeting">
        <button type="button" onClick={() => setAttendees((rows) => [...rows, { name: '', unitId: '' }])} style={{ minHeight: 44 }}>
          {tx('rn.addAttendee')}
        </button>
      </ActionFooter>
    </form>
  );
}
