import type { WorkflowDefinition } from '../config';
import type { Action } from '../config/types.generated';
import { profileFor } from './clock-profile';
import { openClock, type ActionContext, type StartedClock } from './run-actions';

/** A step of the case's path as the timeline records it: its creation, or a transition. */
interface PathStep {
  at: string;
  type: string;
  transition: string | null;
  to_state: string | null;
}

/**
 * The actions a recorded step ran, as the engine runs them: on creation the initial state's
 * onEnter (see WorkflowEngine.onCreated); on a transition its own actions, then the onEnter of
 * the state it entered (see WorkflowEngine.apply).
 */
function actionsOf(workflow: WorkflowDefinition, step: PathStep): Action[] {
  const onEnter = (state: string | null) => workflow.states.find((s) => s.key === state)?.onEnter ?? [];
  if (step.type === 'created') return onEnter(workflow.initial);
  const transition = workflow.transitions.find((tr) => tr.key === step.transition);
  return [...(transition?.actions ?? []), ...onEnter(step.to_state)];
}

/**
 * After the case's data changed the SLA profile that times it (a dispatcher corrected the
 * category), starts the case clocks the new profile defines that the case's path would have
 * started had the category been right from the start. The engine skips a `startClock` whose key
 * the case's profile lacks, so a case reported as a street issue and recognised later as a
 * chemical hazard never got the hazard's 21-minute clock. Runs in the caller's transaction, with
 * `a.record` carrying the new data; returns the clocks it started.
 *
 * - Only keys with no case clock at all: a clock the case has (running or stopped) was started
 *   under an earlier profile and is re-timed or left as history (see retime-clocks.ts).
 * - The path is replayed from the timeline's `created` and `transition` events against the
 *   workflow: the last `startClock` of the key with no `stopClock` (of it or `*`) after it
 *   decides. A clock the workflow already stopped (the alarm was cleared) is not started.
 * - The clock counts from when that `startClock` ran, so its deadline is the one it would have
 *   had; a deadline already past is breached by the next sweep with the usual notices.
 * - It answers to the responsible unit now, as a clock the engine starts does.
 * - Task clocks are not replayed: co-handling starts one for every task whatever the profile.
 * - The path is read with the workflow as it is now; a transition since removed from it counts
 *   only for its target state's actions.
 */
export async function startSkippedClocks(a: ActionContext, before: Record<string, unknown>): Promise<StartedClock[]> {
  const { trx, entity, record, workflow } = a;
  const from = profileFor(a.deps.bundle, workflow, before);
  const to = profileFor(a.deps.bundle, workflow, record.data);
  // Under the same profile every start the path made was made (or skipped) as it would be now.
  if (!to || from?.key === to.key) return [];
  const had = await trx.selectFrom('case_clock').select('clock').where('entity', '=', entity.name).where('record_id', '=', record.id).where('task_id', 'is', null).execute();
  const missing = to.clocks.map((c) => c.key).filter((key) => !had.some((h) => h.clock === key));
  if (!missing.length) return [];

  const path: PathStep[] = await trx
    .selectFrom('case_event')
    .select(['at', 'type', 'transition', 'to_state'])
    .where('entity', '=', entity.name)
    .where('record_id', '=', record.id)
    .where('type', 'in', ['created', 'transition'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  // Clock key → when its last start (not stopped since) ran.
  const pending = new Map<string, string>();
  for (const step of path) {
    for (const action of actionsOf(workflow, step)) {
      if (action.do === 'startClock' && action.clock && missing.includes(action.clock)) pending.set(action.clock, step.at);
      if (action.do === 'stopClock') {
        if (action.clock === '*') pending.clear();
        else if (action.clock) pending.delete(action.clock);
      }
    }
  }
  const started: StartedClock[] = [];
  for (const key of missing) {
    const at = pending.get(key);
    const clock = at ? await openClock(a, key, { startedAt: new Date(at) }) : undefined;
    if (clock) started.push(clock);
  }
  return started;
}
