import { ErrorPage } from '../../components/error-page';
import { fill, localized, uiText, type UiKey } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { attempt } from '../../lib/load-record';
import type { PluginPageProps } from '../types';
import { topUnits, unitName } from '../unit-options';
import { DecisionForm } from './decision-form';
import { HoldMeetingForm } from './hold-meeting-form';
import { NOTICE_KIND, NOTICE_STATUS } from './notice-labels';

/**
 * 三会: the meetings by kind (日联合研判会商会, 周风险研判交办会, 区委风险危机管控会) and a form to hold
 * one; ?id= opens a meeting: its agenda, attendees, decisions and the notices issued from them.
 */
export async function meetingsView(props: PluginPageProps) {
  const { api, lang, search, path, runtime, timeZone } = props;
  const tx = (key: UiKey) => uiText(lang, key);
  const rn = api.plugins['risk-notices'];
  const kinds = await attempt(rn.meetingKinds());
  if (!kinds.ok) return <ErrorPage lang={lang} reason={kinds.reason} />;
  const kindOptions = kinds.value.map((k) => ({ id: k.key, name: localized(k.label, lang) || k.key }));
  const kindLabel = (key: string) => kindOptions.find((k) => k.id === key)?.name ?? key;
  const units = topUnits(runtime, lang);
  const when = (v: string | null) => formatDateTime(v, lang, timeZone);
  if (search.id) {
    const m = await attempt(rn.meeting({ id: search.id }));
    if (!m.ok) return <ErrorPage lang={lang} reason={m.reason} />;
    const meeting = m.value;
    const agenda = meeting.agenda;
    const cases = agenda.filter((i) => i.caseId).map((i) => ({ id: i.caseId!, name: i.title }));
    const uniqueCases = cases.filter((c, i) => cases.findIndex((x) => x.id === c.id) === i);
    return (
      <>
        <p>
          <a href={`${path}?kind=${meeting.kind}`}>{tx('rn.backToMeetings')}</a>
        </p>
        <h2 style={{ fontSize: 18 }} data-meeting={meeting.id}>
          {kindLabel(meeting.kind)} · {when(meeting.heldAt)}
        </h2>
        <section className="gw-section" aria-labelledby="rn-attendees">
          <h2 id="rn-attendees">{tx('rn.attendees')}</h2>
          <ul>
            {meeting.attendees.map((a, i) => (
              <li key={i}>
                {a.name}
                {a.unitId ? `（${unitName(runtime, a.unitId, lang)}）` : ''}
              </li>
            ))}
          </ul>
        </section>
        <section className="gw-section" aria-labelledby="rn-agenda">
          <h2 id="rn-agenda">{fill(tx('rn.agenda'), { n: meeting.agenda.length })}</h2>
          {meeting.agenda.length ? (
            <div style={{ overflowX: 'auto' }}>
              <table className="gw-table">
                <thead>
                  <tr>
                    <th scope="col">{tx('rn.col.item')}</th>
                    <th scope="col">{tx('rn.col.title')}</th>
                    <th scope="col">{tx('rn.col.unit')}</th>
                    <th scope="col">{tx('rn.col.risk')}</th>
                    <th scope="col">{tx('rn.decide')}</th>
                  </tr>
                </thead>
                <tbody>
                  {agenda.map((item, i) => (
                    <tr key={i} data-agenda-kind={item.kind}>
                      <td>{item.label}</td>
                      <th scope="row">{item.caseId ? <a href={`/entities/incidentCase/${item.caseId}`}>{item.title}</a> : item.title}</th>
                      <td>{unitName(runtime, item.unitId, lang)}</td>
                      <td>{item.riskLevel ?? '—'}</td>
                      <td>{item.caseId && <a href={`${path}?id=${meeting.id}&case=${item.caseId}#decide`}>{tx('rn.decideOn')}</a>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="gw-meta">{tx('rn.noAgenda')}</p>
          )}
        </section>
        <section className="gw-section" aria-labelledby="rn-decisions">
          <h2 id="rn-decisions">{tx('rn.decisions')}</h2>
          {meeting.decisions.length ? (
            <ol data-decisions>
              {meeting.decisions.map((d) => {
                const notices = meeting.notices.filter((n) => n.decisionId === d.id);
                return (
                  <li key={d.id} style={{ marginBottom: 8 }}>
                    {d.text}
                    {d.caseId && (
                      <>
                        {' '}
                        · <a href={`/entities/incidentCase/${d.caseId}`}>{tx('rn.case')}</a>
                      </>
                    )}
                    {notices.map((n) => (
                      <div key={n.id} className="gw-meta" data-notice={n.id}>
                        {tx(NOTICE_KIND[n.kind])}：{n.subject} → {unitName(runtime, n.unitId, lang)} · {tx('rn.deadline')} {when(n.deadline)} · <span className="gw-status">{tx(NOTICE_STATUS[n.status])}</span>
                      </div>
                    ))}
                  </li>
                );
              })}
            </ol>
          ) : (
            <p className="gw-meta">{tx('rn.noDecisions')}</p>
          )}
          {meeting.notices.filter((n) => !n.decisionId).length > 0 && (
            <>
              <h3 style={{ fontSize: 15 }}>{tx('rn.supervisionsHere')}</h3>
              <ul>
                {meeting.notices
                  .filter((n) => !n.decisionId)
                  .map((n) => (
                    <li key={n.id} data-notice={n.id}>
                      {tx(NOTICE_KIND[n.kind])}：{n.subject} → {unitName(runtime, n.unitId, lang)} · <span className="gw-status">{tx(NOTICE_STATUS[n.status])}</span>
                    </li>
                  ))}
              </ul>
            </>
          )}
        </section>
        <section className="gw-section">
          <DecisionForm lang={lang} meetingId={meeting.id} cases={uniqueCases} units={units} defaultCaseId={search.case} />
        </section>
      </>
    );
  }
  const kind = kinds.value.some((k) => k.key === search.kind) ? search.kind : undefined;
  const meetings = await rn.meetings(kind ? { kind } : {});
  return (
    <>
      <nav aria-label={tx('rn.byKind')} style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <a href={path} aria-current={!kind ? 'page' : undefined} className={!kind ? 'gw-button-primary' : undefined} style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center', padding: '0 12px' }}>
          {tx('rn.allKinds')}
        </a>
        {kindOptions.map((k) => (
          <a key={k.id} href={`${path}?kind=${k.id}`} aria-current={kind === k.id ? 'page' : undefined} className={kind === k.id ? 'gw-button-primary' : undefined} style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center', padding: '0 12px' }}>
            {k.name}
          </a>
        ))}
      </nav>
      {meetings.length ? (
        <div style={{ overflowX: 'auto' }}>
          <table className="gw-table">
            <thead>
              <tr>
                <th scope="col">{tx('rn.kind')}</th>
                <th scope="col">{tx('rn.heldAt')}</th>
                <th scope="col">{tx('rn.attendees')}</th>
                <th scope="col">{tx('rn.col.agenda')}</th>
                <th scope="col">{tx('rn.decisions')}</th>
                <th scope="col">{tx('rn.col.notices')}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <a href={`${path}?id=${m.id}`}>{kindLabel(m.kind)}</a>
                  </th>
                  <td>{when(m.heldAt)}</td>
                  <td>{m.attendees}</td>
                  <td>{m.agendaItems}</td>
                  <td>{m.decisions}</td>
                  <td>{m.notices}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="gw-meta">{tx('rn.noMeetings')}</p>
      )}
      <section className="gw-section">
        <HoldMeetingForm lang={lang} kinds={kindOptions} units={units} defaultKind={kind} path={path} />
      </section>
    </>
  );
}
