import { FilteredListPage } from '../../../components/filtered-list-page';
import { FilterSelect } from '../../../components/filter-select';
import { fill, uiText, type UiKey } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { channelLabel, externalChannels, LETTER_STATUSES, letterStatusLabel, one, type SearchParams } from '../../../lib/intake-admin';
import { attempt } from '../../../lib/load-record';
import { pageContext } from '../../../lib/page-context';

export const dynamic = 'force-dynamic';

const COLUMNS: UiKey[] = ['deadLetter.received', 'intake.channel', 'col.status', 'deadLetter.problems', 'intake.attempts'];

/** Payloads the channels sent that could not become cases: filter by channel and status, open one to replay it. */
export default async function DeadLettersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api, runtime, lang, shell, timeZone } = await pageContext();
  const tx = (key: UiKey) => uiText(lang, key);
  const params = await searchParams;
  const channel = one(params.channel);
  const raw = one(params.status);
  const status = LETTER_STATUSES.find((s) => s === raw);
  const listed = await attempt(api.intake.deadLetters({ channel: channel || undefined, status, limit: 200 }));
  return (
    <FilteredListPage
      shell={shell}
      current="/intake/dead-letters"
      title={tx('nav.deadLetters')}
      loaded={listed}
      filters={
        <>
          <FilterSelect label={tx('intake.channel')} name="channel" value={channel} options={externalChannels(runtime, lang)} lang={lang} />
          <FilterSelect label={tx('col.status')} name="status" value={status ?? ''} options={LETTER_STATUSES.map((s) => ({ value: s, label: letterStatusLabel(lang, s) }))} lang={lang} />
        </>
      }
      columns={COLUMNS}
      row={(l) => (
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
      )}
    />
  );
}
