import { AppShell } from '../../../components/app-shell';
import { ErrorPage } from '../../../components/error-page';
import { fill, uiText } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { channelLabel, externalChannels, LETTER_STATUSES, letterStatusLabel, one, type SearchParams } from '../../../lib/intake-admin';
import { attempt } from '../../../lib/load-record';
import { pageContext } from '../../../lib/page-context';

export const dynamic = 'force-dynamic';

/** Payloads the channels sent that could not become cases: filter by channel and status, open one to replay it. */
export default async function DeadLettersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api, runtime, lang, shell, timeZone } = await pageContext();
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const params = await searchParams;
  const channel = one(params.channel);
  const status = one(params.status) as (typeof LETTER_STATUSES)[number] | '';
  const listed = await attempt(
    api.intake.deadLetters({ channel: channel || undefined, status: LETTER_STATUSES.includes(status as never) ? (status as (typeof LETTER_STATUSES)[number]) : undefined, limit: 200 }),
  );
  return (
    <AppShell shell={shell} current="/intake/dead-letters">
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{tx('nav.deadLetters')}</h1>
      {!listed.ok ? (
        <ErrorPage lang={lang} reason={listed.reason} />
      ) : (
        <>
          <form method="get" action="/intake/dead-letters" className="gw-filters" aria-label={tx('list.filters')}>
            <label>
              <span>{tx('intake.channel')}</span>
              <select name="channel" defaultValue={channel}>
                <option value="">{tx('list.any')}</option>
                {externalChannels(runtime, lang).map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{tx('col.status')}</span>
              <select name="status" defaultValue={status}>
                <option value="">{tx('list.any')}</option>
                {LETTER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {letterStatusLabel(lang, s)}
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
                  <th scope="col">{tx('deadLetter.received')}</th>
                  <th scope="col">{tx('intake.channel')}</th>
                  <th scope="col">{tx('col.status')}</th>
                  <th scope="col">{tx('deadLetter.problems')}</th>
                  <th scope="col">{tx('intake.attempts')}</th>
                </tr>
              </thead>
              <tbody>
                {listed.value.map((l) => (
                  <tr key={l.id} data-letter-id={l.id}>
                    <td>
                      <a href={`/intake/dead-letters/${encodeURIComponent(l.id)}`}>{formatDateTime(l.createdAt, lang, timeZone)}</a>
                    </td>
                    <td>{channelLabel(runtime, l.channel, lang)}</td>
                    <td>
                      <span className="gw-status">{letterStatusLabel(lang, l.status)}</span>
                    </td>
                    <td>{l.issues.length ? fill(tx('deadLetter.fields'), { fields: l.issues.map((i) => i.path || '/').join('、') }) : '—'}</td>
                    <td>{l.attempts}</td>
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
