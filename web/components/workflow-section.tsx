import type { EntityRecord } from '../../core/entities';
import type { RetimedClock, StartedClock } from '../../core/workflow';
import { fill, localized, uiText, type UiKey } from '../i18n';
import { caseLabels } from '../lib/case-labels';
import { formatDateTime, formatRemaining } from '../lib/format';
import { hasProcedure, type PageContext } from '../lib/page-context';
import { recordRows } from '../lib/record-rows';
import { resolveSources, type ObjectSchema } from '../lib/schema-labels';
import { loadSuggestion } from '../lib/load-suggestion';
import { CategorySuggestion } from './category-suggestion';
import { DuplicatesPanel } from './duplicates-panel';
import { RateCase } from './rate-case';
import { Photos, RecordFields } from './record-fields';
import { TaskComplete } from './task-complete';
import { TransitionActions } from './transition-actions';

const EVENT_LABELS: Record<string, UiKey> = {
  created: 'event.created',
  'clock.start': 'event.clockStart',
  'clock.stop': 'event.clockStop',
  'clock.breach': 'event.clockBreach',
  assign: 'event.assign',
  escalate: 'event.escalate',
  'escalate.top': 'event.escalateTop',
  'task.created': 'event.taskCreated',
  'task.done': 'event.taskDone',
  'notice.reminder': 'event.noticeReminder',
  'notice.supervision': 'event.noticeSupervision',
  'satisfaction.requested': 'event.satisfactionRequested',
  satisfaction: 'event.satisfaction',
  routed: 'event.routed',
  merged: 'event.merged',
  recategorised: 'event.recategorised',
  'duplicate.candidate': 'event.duplicateCandidate',
  'merge.primary': 'event.mergePrimary',
  'merge.outcome': 'event.mergeOutcome',
  split: 'event.split',
  'split.primary': 'event.splitPrimary',
  'risk.raised': 'event.riskRaised',
  'risk.escalation': 'event.riskEscalation',
  hook: 'event.hook',
};

const NOTICE_LABELS: Record<string, UiKey> = { reminder: 'notice.reminder', supervision: 'notice.supervision' };

/**
 * A workflow record's working part: what I may do now (each transition's form from its JSON
 * Schema), co-handling tasks, clocks with time left, notices, routing, the timeline, and rating.
 */
export async function WorkflowSection({ pc, entity, record }: { pc: PageContext; entity: string; record: EntityRecord }) {
  const { api, runtime, lang, timeZone, principal } = pc;
  const tx = (key: UiKey) => uiText(lang, key);
  const labels = caseLabels(runtime, entity, lang);
  const workflow = runtime.registry.get(entity).workflow!;
  const [available, timeline] = await Promise.all([api.case.available({ entity, id: record.id }), api.case.timeline({ entity, id: record.id })]);
  const optional = api.case as unknown as Record<string, (input: unknown) => Promise<any>>;
  // Routing and duplicates ship with the geo feature: shown only when the server has them.
  const [routing, duplicates, suggestion] = await Promise.all([
    hasProcedure('case.routing') ? optional.routing({ entity, id: record.id }).catch(() => null) : null,
    hasProcedure('case.duplicates') ? optional.duplicates({ entity, id: record.id }).catch(() => null) : null,
    loadSuggestion(pc, entity, record),
  ]);
  const canMerge = hasProcedure('case.merge') && pc.ability.can('merge', runtime.registry.get(entity).subject);
  const needsUnits = available.some((a) => JSON.stringify(a.form ?? {}).includes('"orgUnit"'));
  const orgUnits = needsUnits && pc.ability.can('read', 'OrgUnit') ? await api.district.units({ kinds: ['department', 'area', 'commandCentre'] }) : undefined;
  const transitions = available.map((a) => ({
    key: a.key,
    label: localized(a.label, lang),
    schema: a.form ? (resolveSources(a.form.schema as ObjectSchema, runtime.bundle.district, runtime.org, lang) as Record<string, unknown>) : null,
  }));
  const myUnits = new Set(principal.assignments.map((a) => a.unitId));
  const requested = timeline.events.filter((e) => e.type === 'satisfaction.requested').length;
  const canRate = record.createdBy === principal.id && labels.isFinal(record.status) && requested > timeline.ratings.length;
  const formOf = (key: string | null) => (workflow.transitions.find((t) => t.key === key)?.form?.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const categoryName = (code: unknown) => localized(runtime.bundle.district.categories.find((c) => c.code === code)?.label, lang) || String(code ?? '—');
  const actor = (id: string | null) =>
    !id || id === 'system' ? tx('actor.system') : id === principal.id ? tx('actor.me') : id === record.createdBy ? tx('actor.reporter') : tx('actor.staff');

  return (
    <>
      <p style={{ margin: '12px 0 0' }}>
        {tx('col.status')}: <strong className="gw-status">{labels.state(record.status)}</strong>
      </p>
      {suggestion && <CategorySuggestion {...suggestion} />}
      <TransitionActions lang={lang} entity={entity} id={record.id} version={record.version} transitions={transitions} orgUnits={orgUnits} />

      {timeline.tasks.length > 0 && (
        <section className="gw-section" aria-labelledby="gw-tasks">
          <h2 id="gw-tasks">{tx('case.tasks')}</h2>
          <ul className="gw-list">
            {timeline.tasks.map((task: any) => (
              <li key={task.id} className="gw-card">
                <strong>{labels.unit(task.unit_id)}</strong> {Number(task.lead) === 1 && <span className="gw-status">{tx('task.lead')}</span>}{' '}
                <span>{task.status === 'done' ? tx('task.done') : tx('task.open')}</span>
                {task.result && <p style={{ margin: '4px 0 0' }}>{task.result}</p>}
                {task.status === 'open' && myUnits.has(task.unit_id) && <TaskComplete lang={lang} entity={entity} id={record.id} taskId={task.id} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      {timeline.clocks.length > 0 && (
        <section className="gw-section" aria-labelledby="gw-clocks">
          <h2 id="gw-clocks">{tx('case.clocks')}</h2>
          <table className="gw-table">
            <thead>
              <tr>
                <th scope="col">{tx('clock.name')}</th>
                <th scope="col">{tx('clock.due')}</th>
                <th scope="col">{tx('clock.state')}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.clocks.map((c) => (
                <tr key={c.id}>
                  <td>
                    {labels.clock(c.clock)}
                    {c.unitId ? ` · ${labels.unit(c.unitId)}` : ''}
                  </td>
                  <td>{formatDateTime(c.dueAt, lang, timeZone)}</td>
                  <td className={c.overdue || c.status === 'breached' ? 'gw-overdue' : undefined}>
                    {c.remainingMinutes !== null ? formatRemaining(c.remainingMinutes, lang) : tx(c.status === 'breached' ? 'clock.breached' : 'clock.stopped')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {timeline.notices.length > 0 && (
        <section className="gw-section" aria-labelledby="gw-notices">
          <h2 id="gw-notices">{tx('case.notices')}</h2>
          <ul className="gw-list">
            {timeline.notices.map((n: any) => (
              <li key={n.id} className="gw-card">
                <strong>{NOTICE_LABELS[n.kind] ? tx(NOTICE_LABELS[n.kind]) : n.kind}</strong> · {labels.unit(n.unit_id)} · {formatDateTime(n.issued_at, lang, timeZone)}
                {n.deadline_at && <> · {fill(tx('notice.deadline'), { at: formatDateTime(n.deadline_at, lang, timeZone) })}</>} · {n.status === 'open' ? tx('notice.open') : tx('notice.closed')}
              </li>
            ))}
          </ul>
        </section>
      )}

      {routing && (
        <section className="gw-section" aria-labelledby="gw-routing">
          <h2 id="gw-routing">{tx('case.routing')}</h2>
          <p>
            {labels.unit(routing.unitId)}
            {routing.reasonText ? ` · ${routing.reasonText}` : ''}
            {typeof routing.distanceMetres === 'number' ? ` · ${fill(tx('case.distance'), { m: Math.round(routing.distanceMetres) })}` : ''}
          </p>
          {routing.departments?.length > 0 && (
            <p data-departments={routing.departments.join(' ')}>
              {tx('case.departments')}: {routing.departments.map((d: string) => labels.unit(d)).join('、')}
            </p>
          )}
        </section>
      )}
      {duplicates?.mergedInto && (
        <p className="gw-section">
          {tx('case.mergedInto')} <a href={`/entities/${entity}/${duplicates.mergedInto}`}>{duplicates.mergedInto}</a>
        </p>
      )}
      {duplicates?.candidates?.length > 0 && (
        <DuplicatesPanel
          lang={lang}
          entity={entity}
          id={record.id}
          canMerge={canMerge && !labels.isFinal(record.status)}
          rows={duplicates.candidates.map((c: any) => ({
            id: c.id,
            title: String(c.title ?? c.id),
            detail: [labels.state(c.status), typeof c.distanceMetres === 'number' ? fill(tx('case.distance'), { m: Math.round(c.distanceMetres) }) : '', typeof c.textSimilarity === 'number' ? fill(tx('case.similarity'), { p: Math.round(c.textSimilarity * 100) }) : '']
              .filter(Boolean)
              .join(' · '),
          }))}
        />
      )}

      <section className="gw-section" aria-labelledby="gw-timeline">
        <h2 id="gw-timeline">{tx('case.timeline')}</h2>
        <ol className="gw-timeline">
          {timeline.events.map((e) => {
            const title = e.type === 'transition' ? labels.transition(e.transition) : EVENT_LABELS[e.type] ? tx(EVENT_LABELS[e.type]) : `${tx('event.other')} · ${e.type}`;
            const data = (e.data ?? {}) as Record<string, unknown>;
            const details = e.type === 'transition' && e.data ? recordRows(runtime, formOf(e.transition) as never, data, { lang, timeZone }) : [];
            return (
              <li key={e.id} data-event={e.type}>
                <div>
                  <strong>{title}</strong>
                  {e.to_state && e.type !== 'created' ? ` → ${labels.state(e.to_state)}` : ''}
                  {e.type === 'clock.start' || e.type === 'clock.stop' || e.type === 'clock.breach' ? ` · ${labels.clock(String(data.clock ?? ''))}` : ''}
                  {e.type === 'satisfaction' ? ` · ${'★'.repeat(Number(data.rating ?? 0))}` : ''}
                  {e.type === 'recategorised' ? ` · ${categoryName(data.from)} → ${categoryName(data.to)}` : ''}
                </div>
                <div className="gw-meta">
                  <span>{formatDateTime(e.at, lang, timeZone)}</span>
                  <span>{actor(e.actor_id)}</span>
                  {e.unit_id && <span>{labels.unit(e.unit_id)}</span>}
                </div>
                {details.length > 0 && <RecordFields rows={details} />}
                {e.type === 'recategorised' && Array.isArray(data.clocks) && (
                  <ul data-retimed style={{ margin: '4px 0' }}>
                    {(data.clocks as RetimedClock[]).map((c) => (
                      <li key={c.clockId}>
                        {fill(tx('event.clockRetimed'), { clock: labels.clock(c.clock), before: formatDateTime(c.before.dueAt, lang, timeZone), after: formatDateTime(c.after.dueAt, lang, timeZone) })}
                        {c.before.status === 'breached' && c.after.status === 'running' ? tx('event.clockRunsAgain') : ''}
                      </li>
                    ))}
                  </ul>
                )}
                {e.type === 'recategorised' && Array.isArray(data.started) && (
                  <ul data-started-clocks style={{ margin: '4px 0' }}>
                    {(data.started as StartedClock[]).map((c) => (
                      <li key={c.clockId}>
                        {fill(tx('event.clockStarted'), { clock: labels.clock(c.clock), start: formatDateTime(c.startedAt, lang, timeZone), due: formatDateTime(c.dueAt, lang, timeZone) })}
                      </li>
                    ))}
                  </ul>
                )}
                {e.type === 'task.done' && typeof data.result === 'string' && <p style={{ margin: '4px 0' }}>{data.result}</p>}
                {e.type === 'satisfaction' && typeof data.comment === 'string' && <p style={{ margin: '4px 0' }}>{data.comment}</p>}
                {Array.isArray(data.photos) && e.type !== 'transition' && <Photos ids={data.photos as string[]} label={title} />}
              </li>
            );
          })}
        </ol>
      </section>

      {timeline.ratings.length > 0 && (
        <p className="gw-section">
          {tx('rate.given')}: {timeline.ratings.map((x: any) => '★'.repeat(Number(x.rating))).join(' / ')}
        </p>
      )}
      {canRate && <RateCase lang={lang} entity={entity} id={record.id} />}
    </>
  );
}
