'use client';

import { useId, useState } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import type { UnitOption } from '../unit-options';
import { useAction } from '../use-action';

/**
 * 记录决定: the decision's text and the case it concerns; optionally it issues a 风险提醒单 to a unit
 * with a deadline. A missing deadline is refused here; the server checks the rest (a past deadline,
 * an unknown unit) and its message is shown at the field.
 */
export function DecisionForm({ lang, meetingId, cases, units, defaultCaseId }: { lang: UiLang; meetingId: string; cases: { id: string; title: string }[]; units: UnitOption[]; defaultCaseId?: string }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const id = useId();
  const [text, setText] = useState('');
  const [caseId, setCaseId] = useState(defaultCaseId && cases.some((c) => c.id === defaultCaseId) ? defaultCaseId : '');
  const [issue, setIssue] = useState(false);
  const [unitId, setUnitId] = useState('');
  const [subject, setSubject] = useState('');
  const [deadline, setDeadline] = useState('');
  const action = useAction();
  const fieldError = (path: string) => {
    const message = action.issueAt(path);
    return message ? (
      <span className="gw-overdue" data-issue={path}>
        {message}
      </span>
    ) : null;
  };
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
        {fieldError('/text')}
      </label>
      <label>
        {tx('rn.decisionCase')}
        <select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
          <option value="">—</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <label style={{ flexDirection: 'row', alignItems: 'center', gap: 8 }}>
        <input type="checkbox" checked={issue} onChange={(e) => setIssue(e.target.checked)} style={{ minWidth: 0, minHeight: 24 }} />
        {tx('rn.issueReminder')}
      </label>
      {issue && (
        <fieldset style={{ border: '1px solid #d9d9d9', borderRadius: 8, display: 'grid', gap: 8 }}>
          <legend>{tx('rn.reminder')}</legend>
          <label>
            {tx('rn.noticeUnit')}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">—</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            {fieldError('/notice/unitId')}
          </label>
          <label>
            {tx('rn.noticeSubject')}
            <input value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
            {fieldError('/notice/subject')}
          </label>
          <label>
            {tx('rn.noticeDeadline')}
            <input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
            {fieldError('/notice/deadline')}
          </label>
        </fieldset>
      )}
      <button type="submit" className="gw-button-primary" disabled={action.busy} data-action="decide">
        {issue ? tx('rn.decideAndIssue') : tx('rn.decideSubmit')}
      </button>
      {action.error && (
        <p role="alert" className="gw-overdue">
          {action.error}
        </p>
      )}
    </form>
  );
}
