import type { Kysely } from 'kysely';

export interface OpenClock {
  recordId: string;
  clock: string;
  taskId: string | null;
  unitId: string | null;
  dueAt: string;
  /** Minutes of wall time until the deadline; negative when overdue. */
  remainingMinutes: number;
  overdue: boolean;
}

/**
 * The running (or breached, not yet stopped) clocks of these records, soonest deadline first.
 * Callers pass ids they have already read through the actor's scope.
 */
export async function openClocks(db: Kysely<any>, entity: string, ids: string[], now: Date): Promise<OpenClock[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('case_clock')
    .select(['record_id', 'clock', 'task_id', 'unit_id', 'due_at'])
    .where('entity', '=', entity)
    .where('record_id', 'in', ids)
    .where('stopped_at', 'is', null)
    .where('status', 'in', ['running', 'breached'])
    .orderBy('due_at')
    .execute();
  const at = now.getTime();
  return rows.map((c) => {
    const due = new Date(c.due_at).getTime();
    return {
      recordId: c.record_id,
      clock: c.clock,
      taskId: c.task_id ?? null,
      unitId: c.unit_id ?? null,
      dueAt: c.due_at,
      remainingMinutes: Math.round((due - at) / 60_000),
      overdue: due < at,
    };
  });
}
