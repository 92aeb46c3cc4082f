import { AppShell } from '../../components/app-shell';
import { ErrorPage } from '../../components/error-page';
import { uiText, type UiKey } from '../../i18n';
import { caseLabels } from '../../lib/case-labels';
import { formatNumber } from '../../lib/format';
import { attempt } from '../../lib/load-record';
import { caseEntity, pageContext } from '../../lib/page-context';

export const dynamic = 'force-dynamic';

const COLUMNS: [keyof Awaited<ReturnType<PerformanceRead>>[number], UiKey][] = [
  ['clocksMet', 'perf.met'],
  ['clocksLate', 'perf.late'],
  ['clocksOverdue', 'perf.overdue'],
  ['reminders', 'perf.reminders'],
  ['supervisions', 'perf.supervisions'],
  ['supervisionsOpen', 'perf.supervisionsOpen'],
];
type PerformanceRead = Awaited<ReturnType<typeof pageContext>>['api']['case']['performance'];

/** Supervision (督办): overdue and supervised queues, and each unit's figures for 考核. */
export default async function SupervisionPage() {
  const { api, runtime, lang, shell } = await pageContext();
  const tx = (key: UiKey) => uiText(lang, key);
  const labels = caseLabels(runtime, caseEntity(runtime), lang);
  const figures = await attempt(api.case.performance({}));
  return (
    <AppShell shell={shell} current="/supervision">
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{tx('nav.supervision')}</h1>
      <p style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <a className="gw-button-primary" href="/queue?kind=overdue">
          {tx('queue.overdue')}
        </a>
        <a className="gw-button-primary" href="/queue?kind=supervised">
          {tx('queue.supervised')}
        </a>
      </p>
      {figures.ok ? (
        <div style={{ overflowX: 'auto' }}>
          <table className="gw-table">
            <caption style={{ textAlign: 'left', fontWeight: 600, padding: 8 }}>{tx('perf.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{tx('col.unit')}</th>
                {COLUMNS.map(([, key]) => (
                  <th key={key} scope="col">
                    {tx(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.value.map((row) => (
                <tr key={row.unitId}>
                  <th scope="row">{labels.unit(row.unitId)}</th>
                  {COLUMNS.map(([field]) => (
                    <td key={field} className={field === 'clocksOverdue' && Number(row[field]) > 0 ? 'gw-overdue' : undefined}>
                      {formatNumber(Number(row[field]), lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ErrorPage lang={lang} reason={figures.reason} />
      )}
    </AppShell>
  );
}
