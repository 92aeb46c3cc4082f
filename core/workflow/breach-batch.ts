import type { Kysely } from 'kysely';
import type { AuditEntryInput } from '../audit';
import { newRecordId, type CompiledEntity } from '../entities';
import { decodeRow } from '../entities/record-codec';
import type { Job } from '../jobs';
import { superviseJobKey } from './clock-profile';
import { escalationTarget } from './unit-resolution';
import type { WorkflowDeps } from './workflow-engine';

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function insertMany(trx: Kysely<any>, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(30000 / Object.keys(rows[0]).length));
  for (const part of chunks(rows, Math.min(500, per))) await trx.insertInto(table).values(part).execute();
}

/**
 * Breach actions for many clocks at once, as set-based statements: a minute in which thousands of
 * clocks fall due (a storm of reports, a city-wide deadline) costs a few dozen statements per
 * batch instead of dozens per clock. The single-job handler is a batch of one.
 *
 * For each clock still running: mark it breached; a breach event; a reminder notice (提醒单) to
 * the responsible unit; a supervision timer; and, once per case however many of its clocks
 * breach together, an escalation one level up with notifications to the new level's roles.
 */
export async function breachClocks(trx: Kysely<any>, deps: WorkflowDeps, jobs: Job<{ clockId: string }>[]): Promise<number> {
  const clockIds = jobs.map((j) => j.payload.clockId);
  const clocks: any[] = [];
  for (const part of chunks(clockIds)) {
    clocks.push(...(await trx.selectFrom('case_clock').selectAll().where('id', 'in', part).where('status', '=', 'running').execute()));
  }
  if (!clocks.length) return 0;
  const now = deps.now();
  const iso = now.toISOString();
  for (const part of chunks(clocks.map((c) => c.id))) {
    await trx.updateTable('case_clock').set({ status: 'breached', breached_at: iso }).where('id', 'in', part).execute();
  }
  const byEntity = new Map<string, any[]>();
  for (const c of clocks) byEntity.set(c.entity, [...(byEntity.get(c.entity) ?? []), c]);

  const events: Record<string, unknown>[] = [];
  const notices: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  const timers: Record<string, unknown>[] = [];
  const audits: AuditEntryInput[] = [];
  const event = (entity: string, recordId: string, type: string, unitId: string | null, data: unknown) =>
    events.push({ id: newRecordId(now.getTime()), entity, record_id: recordId, at: iso, actor_id: null, type, transition: null, from_state: null, to_state: null, unit_id: unitId, data: JSON.stringify(data) });

  for (const [entityName, group] of byEntity) {
    const entity: CompiledEntity = deps.entities.registry.get(entityName);
    const rules = entity.workflow?.supervision ?? {};
    const recordIds = [...new Set(group.map((c) => c.record_id as string))];
    const records = new Map<string, ReturnType<typeof decodeRow>>();
    const responsible = new Map<string, string>();
    for (const part of chunks(recordIds)) {
      for (const row of await trx.selectFrom(entity.table).selectAll().where('id', 'in', part).execute()) records.set(row.id, decodeRow(entity, row));
      const assigned = await trx
        .selectFrom('record_assignment')
        .select(['record_id', 'unit_id'])
        .where('entity', '=', entityName)
        .where('kind', '=', 'responsible')
        .where('record_id', 'in', part)
        .execute();
      for (const a of assigned) responsible.set(a.record_id, a.unit_id);
    }
    const unitOf = (recordId: string) => responsible.get(recordId) ?? records.get(recordId)?.orgUnitId ?? null;

    for (const clock of group) {
      if (!records.has(clock.record_id)) continue;
      const unitId = unitOf(clock.record_id);
      event(entityName, clock.record_id, 'clock.breach', unitId, { clock: clock.clock, clockId: clock.id, dueAt: clock.due_at });
      if (rules.reminderOnBreach !== false && unitId) {
        const noticeId = newRecordId(now.getTime());
        notices.push({ id: noticeId, entity: entityName, record_id: clock.record_id, clock_id: clock.id, kind: 'reminder', unit_id: unitId, issued_at: iso, deadline_at: null, status: 'open', closed_at: null, closed_reason: null });
        event(entityName, clock.record_id, 'notice.reminder', unitId, { noticeId, deadline: null });
        notifications.push({ id: newRecordId(), entity: entityName, record_id: clock.record_id, unit_id: unitId, role: null, kind: 'notice.reminder', at: iso, data: JSON.stringify({ noticeId }) });
      }
      if (rules.supervisionAfterMinutes !== undefined) {
        const at = new Date(Math.max(now.getTime(), new Date(clock.due_at).getTime() + rules.supervisionAfterMinutes * 60_000)).toISOString();
        timers.push({ id: newRecordId(now.getTime()), kind: 'clock.supervise', key: superviseJobKey(clock.id), payload: JSON.stringify({ clockId: clock.id }), due_at: at, status: 'pending', attempts: 0, locked_by: null, locked_until: null, last_error: null, created_at: iso, done_at: null });
      }
      audits.push({ actorId: 'system', action: 'clock.breach', subjectType: entityName, subjectId: clock.record_id, diff: { clock: clock.clock } });
    }

    if (rules.escalateOnBreach) {
      // Once per case: skip cases already escalated at or after this round's deadlines.
      const earliestDue = new Map<string, string>();
      for (const c of group) if (!earliestDue.has(c.record_id) || c.due_at < earliestDue.get(c.record_id)!) earliestDue.set(c.record_id, c.due_at);
      const lastEscalation = new Map<string, string>();
      for (const part of chunks(recordIds)) {
        const rows = await trx
          .selectFrom('case_event')
          .select(['record_id'])
          .select((eb) => eb.fn.max('at').as('at'))
          .where('entity', '=', entityName)
          .where('type', '=', 'escalate')
          .where('record_id', 'in', part)
          .groupBy('record_id')
          .execute();
        for (const r of rows) lastEscalation.set(r.record_id, r.at as string);
      }
      const moves = new Map<string, string[]>(); // target unit → records
      for (const recordId of recordIds) {
        if (!records.has(recordId) || (lastEscalation.get(recordId) ?? '') >= earliestDue.get(recordId)!) continue;
        const from = unitOf(recordId)!;
        const target = escalationTarget(deps.bundle, deps.org, from, undefined);
        if (!target) {
          event(entityName, recordId, 'escalate.top', from, { from });
          continue;
        }
        moves.set(target.id, [...(moves.get(target.id) ?? []), recordId]);
        event(entityName, recordId, 'escalate', target.id, { from, to: target.id, level: target.level });
        for (const role of rules.notifyRoles ?? []) {
          notifications.push({ id: newRecordId(), entity: entityName, record_id: recordId, unit_id: target.id, role, kind: 'notify', at: iso, data: JSON.stringify({ escalatedFrom: from }) });
        }
      }
      for (const [target, ids] of moves) {
        for (const part of chunks(ids)) {
          await trx.deleteFrom('record_assignment').where('entity', '=', entityName).where('kind', '=', 'responsible').where('record_id', 'in', part).execute();
          await trx
            .updateTable('case_clock')
            .set({ unit_id: target })
            .where('entity', '=', entityName)
            .where('record_id', 'in', part)
            .where('status', 'in', ['running', 'breached'])
            .where('task_id', 'is', null)
            .execute();
        }
        await insertMany(trx, 'record_assignment', ids.map((id) => ({ entity: entityName, record_id: id, unit_id: target, user_id: null, kind: 'responsible', created_at: iso })));
      }
    }
  }
  await insertMany(trx, 'case_event', events);
  await insertMany(trx, 'notice', notices);
  await insertMany(trx, 'notification', notifications);
  await insertMany(trx, 'job', timers);
  await deps.audit(trx, audits);
  return clocks.length;
}
