import { fill, uiText, type UiKey } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { attempt } from '../../lib/load-record';
import { ErrorPage } from '../../components/error-page';
import type { PluginPageProps } from '../types';
import { ClearAlarm } from './clear-alarm';
import { HAZARD_COLOURS } from './colours';

type Colour = (typeof HAZARD_COLOURS)[number]['key'];
type Alarm = Awaited<ReturnType<PluginPageProps['api']['plugins']['hazard-watch']['alarms']>>[number];

/**
 * 危险源五色图: each enterprise with its major hazard sources as coloured chips, the count per colour
 * (a filter), the open alarms with how long each has run, the recent all-clears with their time
 * to clear, and one source's alarm history (?source=).
 */
export async function hazardBoardView({ api, lang, ability, search, path, timeZone }: PluginPageProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const hw = api.plugins['hazard-watch'];
  const colour = HAZARD_COLOURS.some((c) => c.key === search.colour) ? (search.colour as Colour) : undefined;
  const sources = await attempt(hw.sources({}));
  if (!sources.ok) return <ErrorPage lang={lang} reason={sources.reason} />;
  const [enterprises, open, cleared] = await Promise.all([hw.enterprises(), hw.alarms({ status: 'open' }), hw.alarms({ status: 'cleared' })]);
  const history = search.source ? await attempt(hw.alarms({ sourceId: search.source })) : null;
  const canClear = ability.can('update' as never, 'HazardSource' as never);
  const counts = Object.fromEntries(HAZARD_COLOURS.map((c) => [c.key, sources.value.filter((s) => s.colour === c.key).length]));
  const when = (v: string | null) => formatDateTime(v, lang, timeZone);
  const minutes = (n: number) => fill(tx('hw.minutes'), { n });
  const shown = colour ? sources.value.filter((s) => s.colour === colour) : sources.value;
  const sourceName = history && search.source ? sources.value.find((s) => s.id === search.source)?.name ?? search.source : '';
  return (
    <>
      <nav aria-label={tx('hw.byColour')} style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        {HAZARD_COLOURS.map((c) => (
          <a
            key={c.key}
            href={colour === c.key ? path : `${path}?colour=${c.key}`}
            aria-current={colour === c.key ? 'true' : undefined}
            data-colour={c.key}
            style={{ background: c.hex, color: c.ink, borderRadius: 8, padding: '8px 14px', minHeight: 44, display: 'inline-flex', alignItems: 'center', gap: 6, textDecoration: 'none', fontWeight: 600, outline: colour === c.key ? '3px solid #000' : undefined }}
          >
            {tx(c.label)} <span data-count>{counts[c.key]}</span>
          </a>
        ))}
      </nav>
      {enterprises.some((e) => e.demo) && (
        <p className="gw-meta" role="note" data-demo-note>
          {tx('hw.demoNote')}
        </p>
      )}
      <section className="gw-section" aria-labelledby="hw-enterprises">
        <h2 id="hw-enterprises">{fill(tx('hw.enterprises'), { enterprises: enterprises.length, sources: sources.value.length })}</h2>
        <ul className="gw-list">
          {enterprises
            .filter((e) => shown.some((s) => s.enterpriseId === e.id))
            .map((e) => (
              <li key={e.id} className="gw-card" data-enterprise={e.id}>
                <p className="gw-card-title">{e.name}</p>
                <p className="gw-meta">
                  {e.address} ·{' '}
                  <span data-enterprise-colours>
                    {HAZARD_COLOURS.filter((c) => e.colours[c.key] > 0)
                      .map((c) => `${tx(c.label)} ${e.colours[c.key]}`)
                      .join(' · ')}
                  </span>
                </p>
                <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', marginTop: 6 }}>
                  {shown
                    .filter((s) => s.enterpriseId === e.id)
                    .map((s) => {
                      const c = HAZARD_COLOURS.find((x) => x.key === s.colour)!;
                      return (
                        <a
                          key={s.id}
                          href={`${path}?source=${encodeURIComponent(s.id)}`}
                          data-source={s.id}
                          data-colour={s.colour}
                          title={`${s.name}：${tx(c.label)}`}
                          style={{ background: c.hex, color: c.ink, borderRadius: 6, padding: '4px 8px', minHeight: 44, display: 'inline-flex', alignItems: 'center', textDecoration: 'none', fontSize: 13 }}
                        >
                          {s.name}（{tx(c.label)}）
                        </a>
                      );
                    })}
                </div>
              </li>
            ))}
        </ul>
      </section>
      {history && (
        <section className="gw-section" aria-labelledby="hw-history">
          <h2 id="hw-history">{fill(tx('hw.history'), { source: sourceName })}</h2>
          {!history.ok ? <ErrorPage lang={lang} reason={history.reason} /> : history.value.length ? <AlarmTable lang={lang} alarms={history.value} when={when} minutes={minutes} /> : <p className="gw-meta">{tx('hw.noAlarms')}</p>}
        </section>
      )}
      <section className="gw-section" aria-labelledby="hw-open">
        <h2 id="hw-open">{fill(tx('hw.openAlarms'), { n: open.length })}</h2>
        {open.length ? <AlarmTable lang={lang} alarms={open} when={when} minutes={minutes} canClear={canClear} /> : <p className="gw-meta">{tx('hw.noOpenAlarms')}</p>}
      </section>
      <section className="gw-section" aria-labelledby="hw-cleared">
        <h2 id="hw-cleared">{tx('hw.clearedAlarms')}</h2>
        {cleared.length ? <AlarmTable lang={lang} alarms={cleared.slice(0, 20)} when={when} minutes={minutes} /> : <p className="gw-meta">{tx('hw.noAlarms')}</p>}
      </section>
    </>
  );
}

function AlarmTable({ lang, alarms, when, minutes, canClear }: { lang: PluginPageProps['lang']; alarms: Alarm[]; when: (v: string | null) => string; minutes: (n: number) => string; canClear?: boolean }) {
  const tx = (key: UiKey) => uiText(lang, key);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="gw-table">
        <thead>
          <tr>
            <th scope="col">{tx('hw.col.source')}</th>
            <th scope="col">{tx('hw.col.type')}</th>
            <th scope="col">{tx('hw.col.raisedAt')}</th>
            <th scope="col">{tx('hw.col.status')}</th>
            <th scope="col">{tx('hw.col.minutes')}</th>
            <th scope="col">{tx('hw.col.case')}</th>
            {canClear && <th scope="col">{tx('hw.clear')}</th>}
          </tr>
        </thead>
        <tbody>
          {alarms.map((a) => (
            <tr key={a.alarmId} data-alarm={a.alarmId}>
              <th scope="row">
                {a.sourceName}
                <div className="gw-meta">{a.enterpriseName}</div>
              </th>
              <td>
                {a.type} · {a.severity}
              </td>
              <td>{when(a.raisedAt)}</td>
              <td className={a.status === 'open' ? 'gw-overdue' : 'gw-ok'}>{a.status === 'open' ? tx('hw.status.open') : `${tx('hw.status.cleared')} ${when(a.clearedAt)}`}</td>
              <td>{a.status === 'open' ? `${tx('hw.openFor')} ${minutes(a.minutes)}` : `${tx('hw.clearedIn')} ${minutes(a.minutes)}`}</td>
              <td>{a.caseId ? <a href={`/entities/incidentCase/${a.caseId}`}>{tx('hw.openCase')}</a> : '—'}</td>
              {canClear && <td>{a.status === 'open' && <ClearAlarm lang={lang} alarmId={a.alarmId} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
