import { FilteredListPage } from '../../../components/filtered-list-page';
import { FilterSelect } from '../../../components/filter-select';
import { RetryLeg } from '../../../components/retry-leg';
import { uiText, type UiKey } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { channelLabel, LEG_STATUSES, legStatusLabel, one, type SearchParams } from '../../../lib/intake-admin';
import { attempt } from '../../../lib/load-record';
import { pageContext } from '../../../lib/page-context';

export const dynamic = 'force-dynamic';

const COLUMNS: UiKey[] = ['outbox.case', 'intake.channel', 'outbox.leg', 'col.status', 'intake.attempts', 'outbox.lastError', 'outbox.nextAttempt', 'deadLetter.updated', 'outbox.actions'];

/** Outbound legs (results back to the court, to 12345): each with its own delivery state, retries and last error. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api, runtime, lang, shell, timeZone } = await pageContext();
  const tx = (key: UiKey) => uiText(lang, key);
  const params = await searchParams;
  const raw = one(params.status);
  const status = LEG_STATUSES.find((s) => s === raw);
  const listed = await attempt(api.intake.outbox({ status, limit: 200 }));
  return (
    <FilteredListPage
      shell={shell}
      current="/intake/outbox"
      title={tx('nav.outbox')}
      loaded={listed}
      filters={<FilterSelect label={tx('col.status')} name="status" value={status ?? ''} options={LEG_STATUSES.map((s) => ({ value: s, label: legStatusLabel(lang, s) }))} lang={lang} />}
      columns={COLUMNS}
      row={(l) => (
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
      )}
    />
  );
}
