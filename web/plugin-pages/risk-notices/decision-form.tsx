'use client';

import { useId, useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import type { UnitOption } from '../unit-options';
import { ActionFooter } from '../action-footer';
import { FieldIssue } from '../field-issue';
import { OptionSelect, type SelectOption } from '../option-select';
import { useAction } from '../use-action';

/**
 * 记录决定: the decision's text and the case it concerns; optionally it issues a 风险提醒单 to a unit
 * with a deadline. A missing deadline is refused here; the server checks the rest (a past deadline,
 * an unknown unit) and its message is shown at the field.
 */
export function DecisionForm({ lang, meetingId, cases, units, defaultCaseId }: { lang: UiLang; meetingId: string; cases: SelectOption[]; units: UnitOption[]; defaultCaseId?: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const id = useId();
  const [text, setText] = useState('');
  const [caseId, setCaseId] = useState(defaultCaseId && cases.some((c) => c.id === defaultCaseId) ? defaultCaseId : '');
  const [issue, setIssue] = useState(false);
  const [unitId, setUnitId] = useState('');
  const [subject, setSubject] = useState('');
  const [deadline, setDeadline] = useState('');
  const action = useAction();
  function submit(e: React.FormEvent) {
    e.preventDefault();
    // A notice needs a deadline: said here, at the field, rather than as the schema's "required".
    if (issue && !deadline) return action.fail(tx('rn.deadlineRequired'), '/notice/deadline');
    const notice = issue ? { unitId, subject: subject.trim(), deadline: new Date(deadline).toISOString() } : undefined;
    void action.run(
      () => trpc.plugins['risk-notices'].decide.mutate({ meetingId, text: text.trim(), ...(caseId ? { caseId } : {}), ...(notice ? { notice } : {}) }),
      () => {
        setText('');
        setIssue(false);
        setSubject('');
        setDeadline('');
      },
    );
  }
  return (
    <form id="decide" className="gw-filters" aria-labelledby={`${id}-title`} onSubmit={submit} style={{ flexDirection: 'column', alignItems: 'stretch' }}>
      <h2 id={`${id}-title`} style={{ fontSize: 17, margin: 0 }}>
        {tx('rn.decide')}
      </h2>
      <label>
        {tx('rn.decisionText')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} />
        <FieldIssue action={action} path="/text" />
      </label>
      <OptionSelect label={tx('rn.decisionCase')} value={caseId} onChange={setCaseId} options={cases} blank />
      <label style={{ flexDirection: 'row', alignItems: 'center', gap: 8 }}>
        <input type="checkbox" checked={issue} onChange={(e) => setIssue(e.target.checked)} style={{ minWidth: 0, minHeight: 24 }} />
        {tx('rn.issueReminder')}
      </label>
      {issue && (
        <fieldset style={{ border: '1px solid #d9d9d9', borderRadius: 8, display: 'grid', gap: 8 }}>
          <legend>{tx('rn.reminder')}</legend>
          <OptionSelect label={tx('rn.noticeUnit')} value={unitId} onChange={setUnitId} options={units} blank issue={<FieldIssue action={action} path="/notice/unitId" />} />
          <label>
            {tx('rn.noticeSubject')}
            <input value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
            <FieldIssue action={action} path="/notice/subject" />
          </label>
          <label>
            {tx('rn.noticeDeadline')}
            <input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
            <FieldIssue action={action} path="/notice/deadline" />
          </label>
        </fieldset>
      )}
      <ActionFooter action={action} label={issue ? tx('rn.decideAndIssue') : tx('rn.decideSubmit')} name="decide" />
    </form>
  );
}
