import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { affectedRows, preparedQuery } from '../db';
import { isoTime } from './job';

export interface ScheduleJobInput {
  kind: string;
  dueAt: Date;
  payload: unknown;
  /** Dedupe key, e.g. 'clock:<caseId>:respond': scheduling it again moves the pending timer. */
  key?: string;
}

/**
 * Schedules a job and returns its id. With a key that already has a pending job, that job is moved
 * (new due time and payload) and keeps its id. `db` may be the caller's transaction, so a workflow
 * transition and the timers it sets commit or roll back together.
 */
export async function scheduleJob(db: Kysely<any>, input: ScheduleJobInput, now: Date): Promise<string> {
  const payload = JSON.stringify(input.payload ?? null);
  const row = {
    id: randomUUID(),
    kind: input.kind,
    key: input.key ?? null,
    payload,
    due_at: isoTime(input.dueAt),
    status: 'pending',
    attempts: 0,
    created_at: isoTime(now),
  };
  if (input.key == null) {
    await db.insertInto('job').values(row).execute();
    return row.id;
  }
  const { rows } = await upsertKeyedJob.execute<{ id: string }>(db, row);
  return rows[0].id;
}

// An upsert rather than select-then-insert: two transactions setting the same clock at once
// would otherwise both see no pending row and the second insert would fail on the unique index.
// The conflict target repeats the partial index's predicate as a literal so both databases can
// match it to that index (a bound parameter would not prove the implication).
const upsertKeyedJob = preparedQuery((db, p) =>
  db
    .insertInto('job')
    .values({ id: p.id, kind: p.kind, key: p.key, payload: p.payload, due_at: p.due_at, status: p.status, attempts: p.attempts, created_at: p.created_at })
    .onConflict((oc) =>
      oc
        .column('key')
        .where('status', '=', sql.lit('pending'))
        // A moved timer is a new intent: earlier failures of the old one no longer count.
        .doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), due_at: eb.ref('excluded.due_at'), payload: eb.ref('excluded.payload'), attempts: 0 })),
    )
    .returning('id'),
);

// Literal so the partial unique index on pending keys serves the lookup on both databases.
const cancelByKey = preparedQuery((db, p) => db.updateTable('job').set({ status: 'cancelled', done_at: p.doneAt }).where('status', '=', sql.lit('pending')).where('key', '=', p.key));

export interface CancelJobsFilter {
  key?: string;
  /** Every key starting with this text, e.g. 'clock:<caseId>:' for all of a case's clocks. */
  keyPrefix?: string;
}

/**
 * Cancels pending jobs by key or key prefix and returns how many. A job already claimed by a
 * scheduler still runs (see JobHandler). Works inside the caller's transaction.
 */
export async function cancelJobs(db: Kysely<any>, filter: CancelJobsFilter, now: Date): Promise<number> {
  if (filter.key == null && !filter.keyPrefix) throw new Error('cancelJobs needs a key or a non-empty keyPrefix');
  // By key alone: the common case (a clock stopped), on the hot path of every transition.
  if (!filter.keyPrefix) return affectedRows(await cancelByKey.execute(db, { key: filter.key, doneAt: isoTime(now) }));
  let query = db
    .updateTable('job')
    .set({ status: 'cancelled', done_at: isoTime(now) })
    // Literal so the partial unique index on pending keys serves the lookup on both databases.
    .where('status', '=', sql.lit('pending'));
  if (filter.key != null) query = query.where('key', '=', filter.key);
  if (filter.keyPrefix) {
    // A byte-wise range instead of LIKE: it uses the index on both databases and needs no
    // escaping of '%' or '_' in keys.
    query = query.where('key', '>=', filter.keyPrefix).where('key', '<', prefixUpperBound(filter.keyPrefix));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The least string greater than every string starting with `prefix`, in code point order. */
export function prefixUpperBound(prefix: string): string {
  const chars = Array.from(prefix);
  while (chars.length) {
    const last = chars.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      // Skip the surrogate block: a lone surrogate is not valid text for either database.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return chars.join('') + String.fromCodePoint(next);
    }
  }
  throw new Error('a key prefix made only of U+10FFFF has no upper bound');
}
