import { uiText, type UiKey } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { attempt } from '../../lib/load-record';
import type { PluginPageProps } from '../types';
import { unitName } from '../unit-options';
import { CloseNoticeForm } from './close-notice-form';
import { NOTICE_KIND, NOTICE_STATUS } from './notice-labels';

const STATUSES = ['open', 'overdue', 'closed'] as const;

/**
 * 两单: the notices the user may see (an analyst all, a unit its own) with their stage — a reminder
 * runs to its deadline, then a supervision notice follows it up, until closed off (销号) with
 * evidence — and, for analysts, each unit's figures for performance assessment (考核).
 */
export async function noticesView({ api, lang, search, path, runtime, timeZone }: PluginPageProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const rn = api.plugins['risk-notices'];
  const status = STATUSES.find((s) => s === search.status);
  const notices = await rn.notices(status ? { status } : {});
  const performance = await attempt(rn.performance({}));
  const when = (v: string | null) => formatDateTime(v, lang, timeZone);
  const byId = new Map(notices.map((n) => [n.id, n]));
  return (
    <>
      <nav aria-label={tx('rn.col.status')} style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <a href={path} aria-current={!status ? 'page' : undefined} style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center', padding: '0 12px' }}>
          {tx('rn.allStatuses')}
        </a>
        {STATUSES.map((s) => (
          <a key={s} href={`${path}?status=${s}`} aria-current={status === s ? 'page' : undefined} style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center', padding: '0 12px' }}>
            {tx(NOTICE_STATUS[s])}
          </a>
        ))}
      </nav>
      {notices.length ? (
        <div style={{ overflowX: 'auto' }}>
          <table className="gw-table" data-notices>
            <thead>
              <tr>
                <th scope="col">{tx('rn.col.kind')}</th>
                <th scope="col">{tx('rn.noticeSubject')}</th>
                <th scope="col">{tx('rn.noticeUnit')}</th>
                <th scope="col">{tx('rn.col.issued')}</th>
                <th scope="col">{tx('rn.deadline')}</th>
                <th scope="col">{tx('rn.col.status')}</th>
                <th scope="col">{tx('rn.close')}</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.id} data-notice={n.id} data-status={n.status}>
                  <td>{tx(NOTICE_KIND[n.kind])}</td>
                  <th scope="row">
                    {n.subject}
                    {n.parentId && (
                      <div className="gw-meta">
                        {tx('rn.followsUp')} {byId.get(n.parentId)?.subject ?? n.parentId}
                      </div>
                    )}
                    {n.caseId && (
                      <div className="gw-meta">
                        <a href={`/entities/incidentCase/${n.caseId}`}>{tx('rn.case')}</a>
                      </div>
                    )}
                  </th>
                  <td>{unitName(runtime, n.unitId, lang)}</td>
                  <td>{when(n.issuedAt)}</td>
                  <td>{when(n.deadline)}</td>
                  <td>
                    <span className={n.status === 'overdue' ? 'gw-overdue' : 'gw-status'}>{tx(NOTICE_STATUS[n.status])}</span>
                    {n.status === 'closed' && n.evidence && (
                      <div className="gw-meta">
                        {when(n.closedAt)} · {n.evidence.text}
                      </div>
                    )}
                  </td>
                  <td>{n.status !== 'closed' && <CloseNoticeForm lang={lang} noticeId={n.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="gw-meta">{tx('rn.noNotices')}</p>
      )}
      {performance.ok && (
        <section className="gw-section" aria-labelledby="rn-performance">
          <h2 id="rn-performance">{tx('rn.performance')}</h2>
          <div style={{ overflowX: 'auto' }}>
            <table className="gw-table">
              <thead>
                <tr>
                  <th scope="col">{tx('rn.noticeUnit')}</th>
                  <th scope="col">{tx('rn.perf.reminders')}</th>
                  <th scope="col">{tx('rn.perf.closedOnTime')}</th>
                  <th scope="col">{tx('rn.perf.overdue')}</th>
                  <th scope="col">{tx('rn.perf.supervisions')}</th>
                  <th scope="col">{tx('rn.perf.supervisionsClosed')}</th>
                  <th scope="col">{tx('rn.perf.open')}</th>
                  <th scope="col">{tx('rn.perf.onTimeRate')}</th>
                </tr>
              </thead>
              <tbody>
                {performance.value.map((u) => (
                  <tr key={u.unitId} data-unit={u.unitId}>
                    <th scope="row">{unitName(runtime, u.unitId, lang)}</th>
                    <td>{formatNumber(u.reminders, lang)}</td>
                    <td>{formatNumber(u.closedOnTime, lang)}</td>
                    <td className={u.overdue ? 'gw-overdue' : undefined}>{formatNumber(u.overdue, lang)}</td>
                    <td>{formatNumber(u.supervisions, lang)}</td>
                    <td>{formatNumber(u.supervisionsClosed, lang)}</td>
                    <td>{formatNumber(u.open, lang)}</td>
                    <td>{u.onTimeRate === null ? '—' : `${Math.round(u.onTimeRate * 1000) / 10}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
