import type { Transaction } from 'kysely';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** A durable timer as a handler sees it. */
export interface Job<P = unknown> {
  id: string;
  kind: string;
  /** Dedupe key: at most one pending job per key. */
  key: string | null;
  payload: P;
  dueAt: Date;
  /** Failed (or lost) runs before this one. */
  attempts: number;
  createdAt: Date;
}

/**
 * Runs one job. Its writes through `trx` commit together with the job's transition to 'done', or
 * not at all; effects outside the database (mail, SMS) are not covered and must be idempotent.
 * A pending timer can be cancelled while its run is already under way, so a handler re-checks the
 * state it acts on (is the case still waiting?) instead of trusting that it was not cancelled.
 * Query only through `trx`: on SQLite's single connection a query on the outer handle would wait
 * for this very transaction.
 */
export type JobHandler<P = any> = (job: Job<P>, trx: Transaction<any>) => Promise<void>;

/** The `job` table's row. */
export interface JobRow {
  id: string;
  kind: string;
  key: string | null;
  payload: string;
  due_at: string;
  status: JobStatus;
  attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export function jobFromRow(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: JSON.parse(row.payload),
    dueAt: new Date(row.due_at),
    attempts: Number(row.attempts),
    createdAt: new Date(row.created_at),
  };
}

/** Stored timestamps: fixed-width ISO UTC with milliseconds, so text order is time order. */
export function isoTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('job time is not a valid date');
  return date.toISOString();
}
