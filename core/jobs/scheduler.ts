import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { GridworkDialect } from '../db';
import { claimDueJobs } from './claim-jobs';
import { isoTime, jobFromRow, type Job, type JobHandler, type JobRow } from './job';
import { retryDelaySeconds } from './retry-backoff';

export interface JobSchedulerOptions {
  db: Kysely<any>;
  dialect: GridworkDialect;
  /** One handler per job kind. */
  handlers: Record<string, JobHandler>;
  /**
   * Optional set-based handlers: all claimed jobs of that kind in one transaction (a minute in
   * which thousands of SLA clocks fall due). If the batch fails, its jobs run one by one through
   * `handlers`, so one bad job still cannot block the others.
   */
  batchHandlers?: Record<string, (jobs: Job[], trx: Transaction<any>) => Promise<void>>;
  now?: () => Date;
  /** Names this process in `locked_by`; unique per running instance. */
  instanceId?: string;
  /** Jobs claimed per statement. */
  batchSize?: number;
  /** How long a claim holds before another instance may take the job over. */
  lockSeconds?: number;
  /** Runs (failed or lost) after which a job is 'failed' instead of retried. */
  maxAttempts?: number;
  /**
   * Jobs of a batch run at once, each in its own transaction on its own pool connection
   * (PostgreSQL; SQLite's single connection takes them in turn). Default 4: per-job commits are
   * round-trip and fsync bound, and overlapping them lets PostgreSQL flush several at once.
   */
  concurrency?: number;
  /** A job's run failed (`job`), or a whole poll did (`job` null, e.g. the database is down). */
  onError?: (job: Job | null, error: unknown) => void;
}

const MAX_ERROR_LENGTH = 4000;

/**
 * Fires due jobs from the `job` table. Every job runs in its own transaction together with its
 * transition to 'done', so its writes happen exactly once even when several instances poll the
 * same database or one crashes mid-batch; a failed run rolls back and is retried with backoff.
 */
export class JobScheduler {
  readonly instanceId: string;
  private readonly db: Kysely<any>;
  private readonly dialect: GridworkDialect;
  private readonly handlers: Record<string, JobHandler>;
  private readonly batchHandlers: Record<string, (jobs: Job[], trx: Transaction<any>) => Promise<void>>;
  private readonly now: () => Date;
  private readonly batchSize: number;
  private readonly lockSeconds: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly onError: (job: Job | null, error: unknown) => void;
  /** The latest run; the next waits for it so runs of one instance never overlap. */
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  /** Bumped by start(): a poll loop from before a stop() must not keep going after a restart. */
  private generation = 0;
  private stopping = false;
  private intervalMs = 1000;

  constructor(options: JobSchedulerOptions) {
    this.db = options.db;
    this.dialect = options.dialect;
    this.handlers = options.handlers;
    this.batchHandlers = options.batchHandlers ?? {};
    this.now = options.now ?? (() => new Date());
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.batchSize = positive('batchSize', options.batchSize ?? 200);
    this.lockSeconds = positive('lockSeconds', options.lockSeconds ?? 60);
    this.maxAttempts = positive('maxAttempts', options.maxAttempts ?? 5);
    this.concurrency = positive('concurrency', options.concurrency ?? 4);
    this.onError = options.onError ?? ((job, error) => console.error(job ? `[jobs] ${job.kind} ${job.id} failed:` : '[jobs] poll failed:', error));
  }

  /** Runs every job due now, batch by batch; resolves to how many completed. */
  runDue(): Promise<number> {
    const run = this.tail.catch(() => {}).then(() => this.drain());
    this.tail = run;
    return run;
  }

  /** Polls every `intervalMs`, starting at once (jobs that came due while no instance ran fire). */
  start(intervalMs = 1000): void {
    if (this.polling) return;
    this.polling = true;
    this.intervalMs = intervalMs;
    const generation = ++this.generation;
    const tick = async () => {
      this.timer = null;
      try {
        await this.runDue();
      } catch (error) {
        this.onError(null, error);
      }
      // Rescheduled only after the run ends, so a slow run delays the next poll instead of
      // overlapping it.
      if (this.polling && generation === this.generation) this.timer = setTimeout(tick, intervalMs).unref();
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  /** The poll interval while polling, undefined when stopped (a reconfigure restarts a running loop only). */
  get pollInterval(): number | undefined {
    return this.polling ? this.intervalMs : undefined;
  }

  /** Stops polling; resolves once the run in flight has finished its current batch. */
  async stop(): Promise<void> {
    this.polling = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopping = true;
    try {
      await this.tail.catch(() => {});
    } finally {
      this.stopping = false;
    }
  }

  private async drain(): Promise<number> {
    let completed = 0;
    for (let batch = 0; !this.stopping; batch++) {
      const now = this.now();
      const rows = await claimDueJobs(this.db, this.dialect, {
        instanceId: this.instanceId,
        now,
        lockedUntil: new Date(now.getTime() + this.lockSeconds * 1000),
        limit: this.batchSize,
        reclaimLost: batch === 0,
      });
      completed += await this.runClaimed(rows);
      // A short batch means nothing else is due (or other instances hold the rest).
      if (rows.length < this.batchSize) break;
    }
    return completed;
  }

  private async runClaimed(claimed: JobRow[]): Promise<number> {
    let completed = 0;
    const batchable = claimed.filter((r) => this.batchHandlers[r.kind] && r.attempts < this.maxAttempts);
    const kinds = [...new Set(batchable.map((r) => r.kind))];
    const leftover: JobRow[] = claimed.filter((r) => !batchable.includes(r));
    for (const kind of kinds) {
      const group = batchable.filter((r) => r.kind === kind);
      const done = await this.runBatch(kind, group);
      if (done === undefined) leftover.push(...group);
      else completed += done;
    }
    const rows = leftover;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        if (await this.runOne(rows[next++])) completed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, worker));
    return completed;
  }

  /** Runs a kind's claimed jobs in one transaction; undefined when the batch failed as a whole. */
  private async runBatch(kind: string, rows: JobRow[]): Promise<number | undefined> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        // As in runOne: complete only the jobs still claimed by this instance, first.
        const mine = await trx
          .updateTable('job')
          .set({ status: 'done', done_at: isoTime(this.now()), locked_until: null })
          .where('id', 'in', rows.map((r) => r.id))
          .where('status', '=', 'running')
          .where('locked_by', '=', this.instanceId)
          .returning('id')
          .execute();
        const ids = new Set(mine.map((r) => r.id));
        const jobs = rows.filter((r) => ids.has(r.id)).map(jobFromRow);
        if (jobs.length) await this.batchHandlers[kind](jobs, trx);
        return jobs.length;
      });
    } catch (error) {
      this.onError(null, error);
      return undefined;
    }
  }

  /** Runs one claimed job; true when it completed. Never throws: failures are recorded. */
  private async runOne(row: JobRow): Promise<boolean> {
    let job: Job | null = null;
    try {
      job = jobFromRow(row);
      if (row.attempts >= this.maxAttempts) {
        // Only reachable through lost runs, which the claim counts: stop before it kills again.
        throw new Error(row.last_error ?? 'too many attempts');
      }
      const handler = this.handlers[row.kind];
      const claimed = job;
      return await this.db.transaction().execute(async (trx) => {
        // The guard and the completion in one statement, first: if the claim was taken over
        // (our lock expired and another instance reclaimed the job) this run does nothing. On
        // PostgreSQL the row stays locked until commit, so no one can reclaim it mid-run.
        const mine = await trx
          .updateTable('job')
          .set({ status: 'done', done_at: isoTime(this.now()), locked_until: null })
          .where('id', '=', row.id)
          .where('status', '=', 'running')
          .where('locked_by', '=', this.instanceId)
          .executeTakeFirst();
        if (Number(mine.numUpdatedRows) === 0) return false;
        if (!handler) throw new Error(`no handler for job kind '${row.kind}'`);
        await handler(claimed, trx);
        return true;
      });
    } catch (error) {
      await this.recordFailure(row, error);
      this.onError(job, error);
      return false;
    }
  }

  /** After the run's transaction rolled back: count the attempt, then retry later or give up. */
  private async recordFailure(row: JobRow, error: unknown): Promise<void> {
    // A job stopped for too many lost runs did not run again: nothing more to count.
    const attempts = row.attempts >= this.maxAttempts ? row.attempts : row.attempts + 1;
    const now = this.now();
    const failed = attempts >= this.maxAttempts;
    const message = errorText(error);
    const retryAt = new Date(now.getTime() + retryDelaySeconds(attempts) * 1000);
    // Back to pending unless the key was given a new pending timer meanwhile: that one replaced
    // this timer (the unique index allows only one), so this run is cancelled rather than retried.
    const status = failed
      ? sql<string>`'failed'`
      : row.key == null
        ? sql<string>`'pending'`
        : sql<string>`case when exists (select 1 from job as newer where newer.key = ${row.key} and newer.status = 'pending') then 'cancelled' else 'pending' end`;
    const write = () =>
      this.db
        .updateTable('job')
        .set({
          status,
          attempts,
          last_error: message,
          due_at: failed ? row.due_at : isoTime(retryAt),
          locked_by: null,
          locked_until: null,
          done_at: failed ? isoTime(now) : null,
        })
        // Conditional on still holding the claim: if the transaction did commit after all (an
        // error on COMMIT's reply) the job is 'done' and stays so.
        .where('id', '=', row.id)
        .where('status', '=', 'running')
        .where('locked_by', '=', this.instanceId)
        .execute();
    try {
      await write();
    } catch {
      // A timer for the same key committed between the check and the write: the unique index
      // refused the second pending row; a second write sees it and cancels instead.
      try {
        await write();
      } catch (again) {
        // The lock expires and another poll takes the job over.
        this.onError(jobFromRowSafe(row), again);
      }
    }
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`JobScheduler ${name} must be a positive number (got ${value})`);
  return value;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

function jobFromRowSafe(row: JobRow): Job | null {
  try {
    return jobFromRow(row);
  } catch {
    return null;
  }
}
