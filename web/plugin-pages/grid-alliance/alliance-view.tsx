import { ErrorPage } from '../../components/error-page';
import { fill, localized, uiText, type UiKey } from '../../i18n';
import { attempt } from '../../lib/load-record';
import type { PluginPageProps } from '../types';
import { subtreeUnits } from '../unit-options';
import { AssignTaskForm } from './assign-task-form';

const MEMBER_KINDS: [string, UiKey][] = [
  ['residentUnit', 'ga.kind.residentUnit'],
  ['marketEntity', 'ga.kind.marketEntity'],
  ['socialOrganisation', 'ga.kind.socialOrganisation'],
];

/**
 * 网格联盟131: the member units by kind, the service catalogue in its six categories (those the
 * district has not named yet say so, as do placeholder items), and 联动办事 — the joint tasks and,
 * for organisers, a form to hand one to a member.
 */
export async function allianceView({ api, lang, ability, runtime }: PluginPageProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const ga = api.plugins['grid-alliance'];
  const catalogue = await attempt(ga.catalogue());
  if (!catalogue.ok) return <ErrorPage lang={lang} reason={catalogue.reason} />;
  const summary = await ga.summary();
  const canReadMembers = ability.can('read' as never, 'AllianceMember' as never);
  const canAssign = ability.can('create' as never, 'AllianceTask' as never);
  const canReadTasks = ability.can('read' as never, 'AllianceTask' as never);
  const items = catalogue.value.flatMap((c) => c.items);
  const placeholders = items.filter((i) => i.toBeNamed).length + catalogue.value.filter((c) => c.toBeNamed).length;
  const tasks = canReadTasks ? (await api.entity.list({ entity: 'allianceTask', limit: 20 })).items : [];
  const members = canAssign ? (await api.entity.list({ entity: 'allianceMember', limit: 200 })).items : [];
  const memberName = new Map(members.map((m) => [m.id, String(m.data.name)]));
  const settings = runtime.plugins.api('grid-alliance').settings as { units: string[] };
  return (
    <>
      <section className="gw-section" aria-labelledby="ga-members">
        <h2 id="ga-members">{tx('ga.members')}</h2>
        <ul className="gw-meta" style={{ listStyle: 'none', padding: 0, display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {MEMBER_KINDS.map(([kind, label]) => (
            <li key={kind} data-member-kind={kind}>
              {tx(label)} <strong>{summary.members.find((m) => m.value === kind)?.count ?? 0}</strong>
            </li>
          ))}
        </ul>
        {canReadMembers && <a href="/entities/allianceMember">{tx('ga.allMembers')}</a>}
      </section>
      <section className="gw-section" aria-labelledby="ga-catalogue">
        <h2 id="ga-catalogue">{fill(tx('ga.catalogue'), { categories: catalogue.value.length, items: items.length })}</h2>
        {placeholders > 0 && (
          <p className="gw-meta" role="note" data-to-be-named>
            {tx('ga.toBeNamedNote')}
          </p>
        )}
        <ul className="gw-list">
          {catalogue.value.map((c) => (
            <li key={c.key} className="gw-card" data-category={c.key}>
              <details>
                <summary style={{ minHeight: 44, cursor: 'pointer' }}>
                  <strong>{localized(c.label, lang)}</strong> · {fill(tx('ga.items'), { n: c.items.length })}
                  {c.toBeNamed && <span className="gw-status" style={{ marginLeft: 8 }}>{tx('ga.toBeNamed')}</span>}
                </summary>
                <ul>
                  {c.items.map((i) => (
                    <li key={i.id}>
                      {i.name}
                      {i.toBeNamed && <span className="gw-meta"> · {tx('ga.placeholder')}</span>}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </section>
      {canReadTasks && (
        <section className="gw-section" aria-labelledby="ga-tasks">
          <h2 id="ga-tasks">{tx('ga.tasks')}</h2>
          {tasks.length ? (
            <ul className="gw-list">
              {tasks.map((t) => (
                <li key={t.id}>
                  <a className="gw-card" href={`/entities/allianceTask/${t.id}`}>
                    <span className="gw-card-title">{String(t.data.title)}</span>
                    <span className="gw-meta">
                      {memberName.get(String(t.data.memberId)) ?? String(t.data.memberId)} · <span className="gw-status">{t.status}</span>
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="gw-meta">{tx('ga.noTasks')}</p>
          )}
          <a href="/entities/allianceTask">{tx('ga.allTasks')}</a>
          {canAssign && (
            <div className="gw-section">
              <h3 style={{ fontSize: 15 }}>{tx('ga.assignTitle')}</h3>
              <AssignTaskForm lang={lang} units={subtreeUnits(runtime, settings.units, 1, lang)} members={members.map((m) => ({ id: m.id, name: String(m.data.name) }))} items={items.map((i) => ({ id: i.id, name: i.name }))} />
            </div>
          )}
        </section>
      )}
    </>
  );
}
