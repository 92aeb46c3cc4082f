import { AppShell } from '../../../components/app-shell';
import { ErrorPage } from '../../../components/error-page';
import { RetryLeg } from '../../../components/retry-leg';
import { uiText } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { channelLabel, LEG_STATUSES, legStatusLabel, one, type SearchParams } from '../../../lib/intake-admin';
import { attempt } from '../../../lib/load-record';
import { pageContext } from '../../../lib/page-context';

export const dynamic = 'force-dynamic';

/** Outbound legs (results back to the court, to 12345): each with its own delivery state, retries and last error. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api, runtime, lang, shell, timeZone } = await pageContext();
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const params = await searchParams;
  const raw = one(params.status);
  const status = LEG_STATUSES.find((s) => s === raw);
  const listed = await attempt(api.intake.outbox({ status, limit: 200 }));
  return (
    <AppShell shell={shell} current="/intake/outbox">
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{tx('nav.outbox')}</h1>
      {!listed.ok ? (
        <ErrorPage lang={lang} reason={listed.reason} />
      ) : (
        <>
          <form method="get" action="/intake/outbox" className="gw-filters" aria-label={tx('list.filters')}>
            <label>
              <span>{tx('col.status')}</span>
              <select name="status" defaultValue={status ?? ''}>
                <option value="">{tx('list.any')}</option>
                {LEG_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {legStatusLabel(lang, s)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="gw-button-primary">
              {tx('list.apply')}
            </button>
          </form>
          <div style={{ overflowX: 'auto' }}>
            <table className="gw-table">
              <thead>
                <tr>
                  <th scope="col">{tx('outbox.case')}</th>
                  <th scope="col">{tx('intake.channel')}</th>
                  <th scope="col">{tx('outbox.leg')}</th>
                  <th scope="col">{tx('col.status')}</th>
                  <th scope="col">{tx('intake.attempts')}</th>
                  <th scope="col">{tx('outbox.lastError')}</th>
                  <th scope="col">{tx('outbox.nextAttempt')}</th>
                  <th scope="col">{tx('deadLetter.updated')}</th>
                  <th scope="col">{tx('outbox.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {listed.value.map((l) => (
                  <tr key={l.id} data-leg-id={l.id} data-leg-status={l.status}>
                    <td>
                      <a href={`/entities/${l.entity}/${l.recordId}`}>{l.recordId}</a>
                    </td>
                    <td>{channelLabel(runtime, l.channel, lang)}</td>
                    <td>
                      {l.leg} <span className="gw-meta">{l.trigger}</span>
                    </td>
                    <td>
                      <span className={l.status === 'dead' || l.status === 'failed' ? 'gw-overdue' : l.status === 'sent' ? 'gw-ok' : undefined}>{legStatusLabel(lang, l.status)}</span>
                    </td>
                    <td>
                      {l.attempts} / {l.maxAttempts}
                    </td>
                    <td style={{ maxWidth: 280, wordBreak: 'break-word' }}>{l.lastError ?? '—'}</td>
                    <td>{l.nextAttemptAt ? formatDateTime(l.nextAttemptAt, lang, timeZone) : '—'}</td>
                    <td>{formatDateTime(l.sentAt ?? l.updatedAt, lang, timeZone)}</td>
                    <td>{(l.status === 'failed' || l.status === 'dead') && <RetryLeg lang={lang} id={l.id} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!listed.value.length && <p className="gw-meta">{tx('list.empty')}</p>}
        </>
      )}
    </AppShell>
  );
}
