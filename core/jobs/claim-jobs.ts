import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { GridworkDialect } from '../db';
import { isoTime, type JobRow } from './job';

export interface ClaimOptions {
  instanceId: string;
  now: Date;
  /** The claim's lock: after this another instance may take the job over. */
  lockedUntil: Date;
  limit: number;
  /** Also take over lost runs. Once per poll is enough: they only appear when an instance dies. */
  reclaimLost: boolean;
}

/**
 * Marks up to `limit` due jobs as running under this instance and returns them in due order:
 * first jobs whose run was lost (status running, lock expired: the instance that claimed them
 * stopped), counted as a failed attempt so a job that kills its process cannot loop for ever; then
 * pending jobs that are due.
 *
 * The one place that differs per dialect. PostgreSQL may have several instances claiming at once:
 * `FOR UPDATE SKIP LOCKED` lets each take rows no one else is taking instead of waiting for them
 * or claiming them twice. SQLite has one writer and statements are serialised, so the plain
 * single-statement update is already atomic (and SQLite has no row locks to skip).
 */
export async function claimDueJobs(db: Kysely<any>, dialect: GridworkDialect, options: ClaimOptions): Promise<JobRow[]> {
  const now = isoTime(options.now);
  const claim = { status: 'running', locked_by: options.instanceId, locked_until: isoTime(options.lockedUntil) };
  const claimRows = async (select: SelectQueryBuilder<any, 'job', { id: string }>, set: Record<string, unknown>) =>
    (await db
      // Materialised so PostgreSQL evaluates the locking select exactly once: re-scanned inside a
      // join, SKIP LOCKED could pick other rows on each scan and exceed the limit.
      .with(
        (cte) => cte('claimable').materialized(),
        () => (dialect.name === 'postgres' ? select.forUpdate().skipLocked() : select),
      )
      .updateTable('job')
      .set(set)
      .where('id', 'in', db.selectFrom('claimable').select('id'))
      .returningAll()
      .execute()) as JobRow[];

  const lost = options.reclaimLost
    ? await claimRows(
        db.selectFrom('job').select('id').where('status', '=', 'running').where('locked_until', '<', now).orderBy('due_at').limit(options.limit),
        {
          ...claim,
          attempts: sql`attempts + 1`,
          last_error: sql`'run lost: lock of ' || coalesce(locked_by, '?') || ' expired at ' || coalesce(locked_until, '?')`,
        },
      )
    : [];
  // Separate from the lost runs rather than one statement with an OR, so that this, the claim
  // that does the volume, stays an ordered (status, due_at) index range that stops after `limit`.
  const room = options.limit - lost.length;
  const due =
    room > 0
      ? await claimRows(db.selectFrom('job').select('id').where('status', '=', 'pending').where('due_at', '<=', now).orderBy('due_at').limit(room), claim)
      : [];

  // RETURNING follows no particular order.
  const byDue = (a: JobRow, b: JobRow) => (a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : 0);
  return [...lost.sort(byDue), ...due.sort(byDue)];
}
