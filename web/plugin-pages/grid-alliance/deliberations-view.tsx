import { ErrorPage } from '../../components/error-page';
import { fill, uiText, type UiKey } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { attempt } from '../../lib/load-record';
import type { PluginPageProps } from '../types';
import { subtreeUnits, unitName } from '../unit-options';
import { Ballot, CommentForm } from './ballot';
import { OpenDeliberationForm } from './open-deliberation-form';

const STATUS: Record<string, UiKey> = { open: 'ga.status.open', decided: 'ga.status.decided', noDecision: 'ga.status.noDecision' };

/**
 * 协商议事: the deliberations the user may see; ?id= opens one — the ballot and comments until its
 * deadline (the count of votes only: the tally is shown once the deadline has passed and it is
 * counted), then the tally and the decision. Organisers open new ones.
 */
export async function deliberationsView({ api, lang, ability, search, path, runtime, principal, timeZone }: PluginPageProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const ga = api.plugins['grid-alliance'];
  const when = (v: string | null) => formatDateTime(v, lang, timeZone);
  const now = runtime.now().getTime();
  if (search.id) {
    const found = await attempt(ga.deliberation({ id: search.id }));
    if (!found.ok) return <ErrorPage lang={lang} reason={found.reason} />;
    const d = found.value;
    const open = d.status === 'open' && new Date(d.deadline).getTime() > now;
    const canVote = ability.can('vote' as never, 'AllianceDeliberation' as never);
    const tally = d.tally;
    const total = tally ? Object.values(tally).reduce((a, b) => a + b, 0) : 0;
    return (
      <>
        <p>
          <a href={path}>{tx('ga.back')}</a>
        </p>
        <h2 style={{ fontSize: 18 }} data-deliberation={d.id}>
          {d.topic}
        </h2>
        <p className="gw-meta">
          {unitName(runtime, d.orgUnitId, lang)} · {tx('ga.deadline')} {when(d.deadline)} · <span className="gw-status" data-status={d.status}>{tx(STATUS[d.status] ?? 'ga.status.open')}</span> · {fill(tx('ga.voteCount'), { n: d.votes })}
        </p>
        {tally ? (
          <section className="gw-section" aria-labelledby="ga-tally">
            <h2 id="ga-tally">{tx('ga.tally')}</h2>
            <table className="gw-table" data-tally>
              <tbody>
                {d.options.map((o) => (
                  <tr key={o}>
                    <th scope="row">{o}</th>
                    <td>{tally[o] ?? 0}</td>
                    <td style={{ width: '50%' }}>
                      <div style={{ background: '#1677ff', height: 12, width: `${total ? ((tally[o] ?? 0) / total) * 100 : 0}%` }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p data-decision>{d.decision ? fill(tx('ga.decision'), { option: d.decision }) : tx('ga.noDecision')}</p>
          </section>
        ) : (
          <p className="gw-meta">{tx('ga.tallyAfterDeadline')}</p>
        )}
        {open && canVote && (
          <section className="gw-section">
            {d.myVote ? (
              <p data-my-vote>{fill(tx('ga.youVoted'), { option: d.myVote })}</p>
            ) : (
              <Ballot lang={lang} id={d.id} options={d.options} />
            )}
            <CommentForm lang={lang} id={d.id} />
          </section>
        )}
        <section className="gw-section" aria-labelledby="ga-comments">
          <h2 id="ga-comments">{fill(tx('ga.comments'), { n: d.comments.length })}</h2>
          <ul className="gw-timeline">
            {d.comments.map((c, i) => (
              <li key={i}>
                <div className="gw-meta">{when(c.at)}</div>
                {c.body}
              </li>
            ))}
          </ul>
        </section>
      </>
    );
  }
  const list = await attempt(ga.deliberations({}));
  if (!list.ok) return <ErrorPage lang={lang} reason={list.reason} />;
  const canOpen = ability.can('create' as never, 'AllianceDeliberation' as never);
  const settings = runtime.plugins.api('grid-alliance').settings as { units: string[] };
  const mine = principal.assignments.map((a) => runtime.org.get(a.unitId)?.path).filter((p): p is string => !!p);
  const units = canOpen ? subtreeUnits(runtime, settings.units, 2, lang).filter((u) => mine.some((p) => runtime.org.get(u.id)!.path.startsWith(p))) : [];
  return (
    <>
      {list.value.length ? (
        <ul className="gw-list">
          {list.value.map((d) => (
            <li key={d.id}>
              <a className="gw-card" href={`${path}?id=${d.id}`} data-deliberation={d.id}>
                <span className="gw-card-title">{d.topic}</span>
                <span className="gw-meta">
                  {unitName(runtime, d.orgUnitId, lang)} · {tx('ga.deadline')} {when(d.deadline)} · <span className="gw-status">{tx(STATUS[d.status] ?? 'ga.status.open')}</span>
                  {d.decision && ` · ${fill(tx('ga.decision'), { option: d.decision })}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="gw-meta">{tx('ga.noDeliberations')}</p>
      )}
      {canOpen && units.length > 0 && (
        <section className="gw-section">
          <h2 style={{ fontSize: 17 }}>{tx('ga.openTitle')}</h2>
          <OpenDeliberationForm lang={lang} units={units} path={path} />
        </section>
      )}
    </>
  );
}
