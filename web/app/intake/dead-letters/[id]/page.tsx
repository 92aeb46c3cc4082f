import { AppShell } from '../../../../components/app-shell';
import { ErrorPage } from '../../../../components/error-page';
import { ReplayLetter } from '../../../../components/replay-letter';
import { uiText } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { channelLabel, letterStatusLabel } from '../../../../lib/intake-admin';
import { attempt } from '../../../../lib/load-record';
import { caseEntity, pageContext } from '../../../../lib/page-context';

export const dynamic = 'force-dynamic';

/** One dead letter: what the channel sent, which fields failed and why, and a replay. */
export default async function DeadLetterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { api, runtime, lang, shell, timeZone } = await pageContext();
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const loaded = await attempt(api.intake.deadLetter({ id }));
  const entity = caseEntity(runtime) ?? 'incidentCase';
  if (!loaded.ok) {
    return (
      <AppShell shell={shell} current="/intake/dead-letters">
        <ErrorPage lang={lang} reason={loaded.reason} />
      </AppShell>
    );
  }
  const letter = loaded.value;
  return (
    <AppShell shell={shell} current="/intake/dead-letters">
      <p style={{ margin: '4px 0' }}>
        <a href="/intake/dead-letters">← {tx('nav.deadLetters')}</a>
      </p>
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>
        {tx('deadLetter.title')} · {channelLabel(runtime, letter.channel, lang)}
      </h1>
      <dl className="gw-fieldlist">
        <div className="gw-fieldrow">
          <dt>{tx('col.status')}</dt>
          <dd>
            <span className="gw-status" data-letter-status={letter.status}>
              {letterStatusLabel(lang, letter.status)}
            </span>
          </dd>
        </div>
        <div className="gw-fieldrow">
          <dt>{tx('deadLetter.received')}</dt>
          <dd>{formatDateTime(letter.createdAt, lang, timeZone)}</dd>
        </div>
        <div className="gw-fieldrow">
          <dt>{tx('intake.attempts')}</dt>
          <dd data-letter-attempts={letter.attempts}>{letter.attempts}</dd>
        </div>
        <div className="gw-fieldrow">
          <dt>{tx('deadLetter.updated')}</dt>
          <dd>{formatDateTime(letter.updatedAt, lang, timeZone)}</dd>
        </div>
        {letter.recordId && (
          <div className="gw-fieldrow">
            <dt>{tx('deadLetter.case')}</dt>
            <dd>
              <a href={`/entities/${entity}/${letter.recordId}`}>{letter.recordId}</a>
            </dd>
          </div>
        )}
      </dl>

      <section className="gw-section" aria-labelledby="gw-letter-issues">
        <h2 id="gw-letter-issues">{tx('deadLetter.problems')}</h2>
        {letter.issues.length ? (
          <table className="gw-table">
            <thead>
              <tr>
                <th scope="col">{tx('deadLetter.field')}</th>
                <th scope="col">{tx('deadLetter.error')}</th>
              </tr>
            </thead>
            <tbody>
              {letter.issues.map((i, n) => (
                <tr key={n} data-issue-path={i.path}>
                  <td>
                    <code>{i.path || '/'}</code>
                  </td>
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="gw-meta">—</p>
        )}
      </section>

      <section className="gw-section" aria-labelledby="gw-letter-payload">
        <h2 id="gw-letter-payload">{tx('deadLetter.payload')}</h2>
        <pre style={{ background: '#fff', border: '1px solid #d9d9d9', borderRadius: 8, padding: 12, overflowX: 'auto', fontSize: 13, margin: 0 }}>{JSON.stringify(letter.payload, null, 2)}</pre>
      </section>

      <ReplayLetter lang={lang} id={letter.id} caseEntity={entity} open={letter.status === 'open'} />
    </AppShell>
  );
}
