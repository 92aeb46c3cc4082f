import type { Kysely } from 'kysely';
import type { CompiledEntity, ServiceContext } from '../entities';
import { ConflictError } from '../errors';
import { t } from '../i18n';
import { cancelJobs, scheduleJob } from '../jobs';
import { clockDueAt, clockJobKey, profileFor, superviseJobKey, workCalendar } from './clock-profile';
import { closeOpenNotices } from './run-actions';
import type { WorkflowDeps } from './workflow-engine';

type ClockStatus = 'running' | 'breached';

/** One open clock whose deadline moved, as the timeline event and the audit entry record it. */
export interface RetimedClock {
  clock: string;
  clockId: string;
  taskId: string | null;
  before: { dueAt: string; status: ClockStatus };
  after: { dueAt: string; status: ClockStatus };
}

/**
 * Re-times a case's open clocks after its data changed the SLA profile that times it (a dispatcher
 * corrected the category): each running or breached clock gets the deadline the new profile gives
 * it counted from the clock's own start, in the same calendar or working time the engine uses
 * when it starts a clock. Runs in the caller's transaction; returns what moved.
 *
 * - Same profile, or a clock whose deadline comes out the same: nothing is written.
 * - Stopped clocks (met, late, cancelled) are history and stay as they are.
 * - A clock the new profile does not define keeps its deadline: it was announced to the
 *   responsible unit when it started and the workflow stops it as usual; silently withdrawing a
 *   running deadline would hide work the command centre is tracking. Clocks the new profile
 *   defines but the case never started are not re-timed: the ones its workflow path started
 *   under a profile that lacked them are started by start-skipped-clocks.ts.
 * - A clock that breached under the old profile but whose new deadline is still ahead runs again.
 *   The old deadline came from a wrong category; keeping the clock breached would go on issuing
 *   supervision notices (督办) against a unit that is within the time the case actually allows.
 *   The breach stays on record — its timeline event, its notices (closed as `clockRetimed`, the
 *   way a stopped clock's are 销号), any escalation it caused, and `before.status` here — and if
 *   the new deadline passes too, the breach sweep breaches the clock again.
 * - A running clock whose new deadline has already passed keeps running with that deadline: its
 *   deadline job is moved there, so the next sweep breaches it with the usual notices.
 */
export async function retimeClocks(
  trx: Kysely<any>,
  deps: WorkflowDeps,
  ctx: ServiceContext,
  entity: CompiledEntity,
  recordId: string,
  data: { before: Record<string, unknown>; after: Record<string, unknown> },
): Promise<RetimedClock[]> {
  const workflow = entity.workflow;
  if (!workflow) return [];
  const from = profileFor(deps.bundle, workflow, data.before);
  const to = profileFor(deps.bundle, workflow, data.after);
  if (!to || from?.key === to.key) return [];

  const open = await trx
    .selectFrom('case_clock')
    .select(['id', 'clock', 'task_id', 'started_at', 'due_at', 'minutes', 'time', 'status'])
    .where('entity', '=', entity.name)
    .where('record_id', '=', recordId)
    .where('stopped_at', 'is', null)
    .where('status', 'in', ['running', 'breached'])
    .orderBy('id')
    .execute();
  const now = deps.now();
  const calendar = workCalendar(deps.bundle);
  const moved: RetimedClock[] = [];
  for (const clock of open) {
    const def = to.clocks.find((c) => c.key === clock.clock);
    if (!def) continue;
    const time = def.time ?? 'calendar';
    const due = clockDueAt(deps.bundle, def, new Date(clock.started_at), calendar);
    const dueAt = due.toISOString();
    if (dueAt === clock.due_at && def.minutes === Number(clock.minutes) && time === clock.time) continue;
    const before: ClockStatus = clock.status;
    const runsAgain = before === 'breached' && due > now;
    const after: ClockStatus = runsAgain ? 'running' : before;
    const result = await trx
      .updateTable('case_clock')
      .set({ due_at: dueAt, minutes: def.minutes, time, status: after, ...(runsAgain ? { breached_at: null } : {}) })
      .where('id', '=', clock.id)
      // The breach sweep may have breached (or a transition stopped) the clock since it was read.
      .where('status', '=', before)
      .where('stopped_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const message = t(ctx.lang, 'recategorise.clockRaced', { clock: clock.clock });
      throw new ConflictError(message, [{ path: '/category', message, code: 'clockRaced' }]);
    }
    if (runsAgain) {
      await cancelJobs(trx, { key: superviseJobKey(clock.id) }, now);
      await closeOpenNotices(trx, { entity: entity.name, recordId, clockId: clock.id, reason: 'clockRetimed', at: now });
    }
    // A running clock's pending deadline job moves; a clock running again gets a new one.
    if (after === 'running') {
      await scheduleJob(trx, { kind: 'clock.due', dueAt: due, payload: { clockId: clock.id }, key: clockJobKey(entity.name, recordId, clock.clock, clock.task_id) }, now);
    }
    moved.push({ clock: clock.clock, clockId: clock.id, taskId: clock.task_id ?? null, before: { dueAt: clock.due_at, status: before }, after: { dueAt, status: after } });
  }
  return moved;
}
