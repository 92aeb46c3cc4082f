import { ErrorPage } from '../../components/error-page';
import { fill, localized, uiText, type UiKey } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { attempt } from '../../lib/load-record';
import type { PluginPageProps } from '../types';
import { unitName } from '../unit-options';

const KINDS = ['person', 'building', 'enterprise', 'dispute'] as const;
const LEVELS = ['low', 'medium', 'high'] as const;
const KIND_LABEL: Record<string, UiKey> = { person: 'rt.kind.person', building: 'rt.kind.building', enterprise: 'rt.kind.enterprise', dispute: 'rt.kind.dispute' };
const LEVEL_LABEL: Record<string, UiKey> = { low: 'rt.level.low', medium: 'rt.level.medium', high: 'rt.level.high' };

/**
 * 风险智库: the risk register per subject (person, building, enterprise, dispute) with its signals
 * and their tags (?key=), filtered by kind and level; the escalation rules and what they did.
 */
export async function registerView({ api, lang, search, path, runtime, timeZone }: PluginPageProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const rt = api.plugins['risk-tags'];
  const kind = KINDS.find((k) => k === search.kind);
  const level = LEVELS.find((l) => l === search.level);
  const esc = await attempt(rt.escalations());
  if (!esc.ok) return <ErrorPage lang={lang} reason={esc.reason} />;
  const { rules, results, sourceTypes, tags } = esc.value;
  const sourceLabel = (key: string) => localized(sourceTypes.find((s) => s.key === key)?.label, lang) || key;
  const tagLabel = (key: string) => localized(tags.find((t) => t.key === key)?.label, lang) || key;
  const when = (v: string | null) => formatDateTime(v, lang, timeZone);
  if (search.key) {
    const d = await attempt(rt.subject({ key: search.key }));
    if (!d.ok) return <ErrorPage lang={lang} reason={d.reason} />;
    const s = d.value;
    return (
      <>
        <p>
          <a href={path}>{tx('rt.back')}</a>
        </p>
        <h2 style={{ fontSize: 18 }}>
          {s.label} · {tx(KIND_LABEL[s.kind] ?? 'rt.kind.person')} · <span className={s.level === 'high' ? 'gw-overdue' : 'gw-status'}>{tx(LEVEL_LABEL[s.level] ?? 'rt.level.low')}</span>
        </h2>
        <section className="gw-section" aria-labelledby="rt-signals">
          <h2 id="rt-signals">{fill(tx('rt.signals'), { n: s.signals.length })}</h2>
          <div style={{ overflowX: 'auto' }}>
            <table className="gw-table">
              <thead>
                <tr>
                  <th scope="col">{tx('rt.col.at')}</th>
                  <th scope="col">{tx('rt.col.source')}</th>
                  <th scope="col">{tx('rt.col.unit')}</th>
                  <th scope="col">{tx('rt.col.tags')}</th>
                  <th scope="col">{tx('rt.col.case')}</th>
                </tr>
              </thead>
              <tbody>
                {s.signals.map((g) => (
                  <tr key={g.caseId}>
                    <td>{when(g.at)}</td>
                    <td>{sourceLabel(g.sourceType)}</td>
                    <td>{unitName(runtime, g.orgUnitId, lang)}</td>
                    <td>
                      {(g.tags as string[]).map((t) => (
                        <span key={t} className="gw-status" style={{ marginRight: 4 }}>
                          {tagLabel(t)}
                        </span>
                      ))}
                    </td>
                    <td>
                      <a href={`/entities/incidentCase/${g.caseId}`}>{tx('rt.openCase')}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="gw-section" aria-labelledby="rt-escalations">
          <h2 id="rt-escalations">{tx('rt.escalations')}</h2>
          {s.escalations.length ? (
            <ul>
              {s.escalations.map((e, i) => (
                <li key={i}>
                  {when(e.at)} · {e.rule} · <a href={`/entities/incidentCase/${e.caseId}`}>{tx('rt.openCase')}</a>
                  {e.jointCaseId && (
                    <>
                      {' '}
                      · <a href={`/entities/riskJointCase/${e.jointCaseId}`}>{tx('rt.jointCase')}</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="gw-meta">{tx('rt.noEscalations')}</p>
          )}
        </section>
      </>
    );
  }
  const register = await rt.register({ ...(kind ? { kind } : {}), ...(level ? { level } : {}) });
  return (
    <>
      <form method="get" action={path} className="gw-filters">
        <label>
          {tx('rt.col.kind')}
          <select name="kind" defaultValue={kind ?? ''}>
            <option value="">{tx('rt.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tx(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx('rt.col.level')}
          <select name="level" defaultValue={level ?? ''}>
            <option value="">{tx('rt.all')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {tx(LEVEL_LABEL[l])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="gw-button-primary">
          {tx('rt.filter')}
        </button>
      </form>
      {register.length ? (
        <div style={{ overflowX: 'auto' }}>
          <table className="gw-table" data-register>
            <thead>
              <tr>
                <th scope="col">{tx('rt.col.subject')}</th>
                <th scope="col">{tx('rt.col.kind')}</th>
                <th scope="col">{tx('rt.col.level')}</th>
                <th scope="col">{tx('rt.col.signals')}</th>
                <th scope="col">{tx('rt.col.source')}</th>
                <th scope="col">{tx('rt.col.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {register.map((s) => (
                <tr key={s.key}>
                  <th scope="row">
                    <a href={`${path}?key=${encodeURIComponent(s.key)}`}>{s.label}</a>
                  </th>
                  <td>{tx(KIND_LABEL[s.kind] ?? 'rt.kind.person')}</td>
                  <td className={s.level === 'high' ? 'gw-overdue' : undefined}>{tx(LEVEL_LABEL[s.level] ?? 'rt.level.low')}</td>
                  <td>{s.signals}</td>
                  <td>{(s.sourceTypes as string[]).map(sourceLabel).join('、')}</td>
                  <td>{when(s.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="gw-meta">{tx('rt.empty')}</p>
      )}
      <section className="gw-section" aria-labelledby="rt-rules">
        <h2 id="rt-rules">{tx('rt.rules')}</h2>
        <ul>
          {rules.map((r) => (
            <li key={r.key} data-rule={r.key}>
              <strong>{r.key}</strong>：
              {fill(tx('rt.ruleText'), { days: r.withinDays, n: r.minSourceTypes, sources: r.sourceTypes.map((x) => localized(x.label, lang) || x.key).join('、'), level: tx(LEVEL_LABEL[r.level] ?? 'rt.level.high') })}
              {' · '}
              {fill(tx('rt.ruleResults'), { n: results.filter((x) => x.rule === r.key).length })}
            </li>
          ))}
        </ul>
        {results.length ? (
          <div style={{ overflowX: 'auto' }}>
            <table className="gw-table" data-escalations>
              <thead>
                <tr>
                  <th scope="col">{tx('rt.col.at')}</th>
                  <th scope="col">{tx('rt.col.rule')}</th>
                  <th scope="col">{tx('rt.col.subject')}</th>
                  <th scope="col">{tx('rt.col.case')}</th>
                  <th scope="col">{tx('rt.jointCase')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((x, i) => (
                  <tr key={i}>
                    <td>{when(x.at)}</td>
                    <td>{x.rule}</td>
                    <th scope="row">
                      <a href={`${path}?key=${encodeURIComponent(x.subjectKey)}`}>{x.subjectLabel}</a>
                    </th>
                    <td>
                      <a href={`/entities/incidentCase/${x.caseId}`}>{tx('rt.openCase')}</a>
                    </td>
                    <td>{x.jointCaseId ? <a href={`/entities/riskJointCase/${x.jointCaseId}`}>{tx('rt.jointCase')}</a> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="gw-meta">{tx('rt.noEscalations')}</p>
        )}
      </section>
    </>
  );
}
