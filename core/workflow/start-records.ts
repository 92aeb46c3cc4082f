import type { Kysely } from 'kysely';
import type { Action } from '../config/types.generated';
import { newRecordId, type CompiledEntity, type EntityRecord, type ServiceContext } from '../entities';
import { clockDueAt, clockJobKey, profileFor, workCalendar } from './clock-profile';
import type { WorkflowDeps } from './workflow-engine';

/**
 * The initial state's actions for many new records at once, as multi-row inserts. Intake creates
 * cases in bulk (channels, imports), and per-record statements would make clocks the bottleneck.
 * Only the common actions are batched; the engine falls back to the generic path otherwise.
 */
export function batchable(actions: Action[]): boolean {
  return actions.every((a) => a.do === 'startClock' || (a.do === 'assignResponsible' && (a.to ?? 'caseUnit') === 'caseUnit'));
}

export async function startRecords(trx: Kysely<any>, deps: WorkflowDeps, ctx: ServiceContext, entity: CompiledEntity, records: EntityRecord[], actions: Action[]): Promise<void> {
  const workflow = entity.workflow!;
  const now = deps.now();
  const iso = now.toISOString();
  const calendar = workCalendar(deps.bundle);
  const events: Record<string, unknown>[] = [];
  const assignments: Record<string, unknown>[] = [];
  const clocks: Record<string, unknown>[] = [];
  const jobs: Record<string, unknown>[] = [];
  const event = (record: EntityRecord, type: string, unitId: string | null, data: unknown, toState: string | null = null) =>
    events.push({ id: newRecordId(now.getTime()), entity: entity.name, record_id: record.id, at: iso, actor_id: ctx.actor?.id ?? null, type, transition: null, from_state: null, to_state: toState, unit_id: unitId, data: data === null ? null : JSON.stringify(data) });
  for (const record of records) {
    event(record, 'created', record.orgUnitId, null, record.status);
    const profile = profileFor(deps.bundle, workflow, record.data);
    for (const action of actions) {
      if (action.do === 'assignResponsible') {
        assignments.push({ entity: entity.name, record_id: record.id, unit_id: record.orgUnitId, user_id: null, kind: 'responsible', created_at: iso });
        event(record, 'assign', record.orgUnitId, null);
        continue;
      }
      const def = profile?.clocks.find((c) => c.key === action.clock);
      if (!def) continue;
      const time = def.time ?? 'calendar';
      const due = clockDueAt(deps.bundle, def, now, calendar).toISOString();
      const clockId = newRecordId(now.getTime());
      clocks.push({ id: clockId, entity: entity.name, record_id: record.id, task_id: null, clock: def.key, minutes: def.minutes, time, unit_id: record.orgUnitId, started_at: iso, due_at: due, breached_at: null, stopped_at: null, status: 'running' });
      jobs.push({ id: newRecordId(now.getTime()), kind: 'clock.due', key: clockJobKey(entity.name, record.id, def.key), payload: JSON.stringify({ clockId }), due_at: due, status: 'pending', attempts: 0, locked_by: null, locked_until: null, last_error: null, created_at: iso, done_at: null });
      event(record, 'clock.start', record.orgUnitId, { clock: def.key, clockId, dueAt: due, taskId: null });
    }
  }
  const insert = async (table: string, rows: Record<string, unknown>[]) => {
    if (!rows.length) return;
    const per = Math.max(1, Math.floor(30000 / Object.keys(rows[0]).length));
    for (let i = 0; i < rows.length; i += Math.min(500, per)) await trx.insertInto(table).values(rows.slice(i, i + Math.min(500, per))).execute();
  };
  await insert('case_event', events);
  await insert('record_assignment', assignments);
  await insert('case_clock', clocks);
  await insert('job', jobs);
}
