import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db';
import { job as jobMigration } from '../db/migrations/2026-11-23-007-job';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/test-database';
import { claimDueJobs } from './claim-jobs';
import { cancelJobs, JobScheduler, scheduleJob, type Job, type JobHandler, type JobRow, type JobSchedulerOptions } from './index';

/** A batch claimed earlier, run now: what an instance does between its claim and its runs. */
const runClaimed = (s: JobScheduler, rows: JobRow[]) => (s as unknown as { runClaimed(rows: JobRow[]): Promise<number> }).runClaimed(rows);

const T0 = new Date('2026-11-23T08:00:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe.each(dialects())('durable jobs on %s', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let handle: DatabaseHandle;
  let clock: Date;
  const now = () => clock;
  const advance = (ms: number) => void (clock = new Date(clock.getTime() + ms));
  let errors: { job: Job | null; error: unknown }[];

  // A file, not ':memory:', for SQLite: the restart tests open a second handle on the same data.
  const open = () => createDatabase({ databaseUrl: database.url, sqliteFile: path.join(dir, 'jobs.sqlite'), poolSize: 5 });

  /** Records the job in `fired` inside the job's transaction, so it commits with 'done' or not at all. */
  const fire: JobHandler = async (job, trx) => {
    await trx
      .insertInto('fired')
      .values({ job_id: job.id, payload: JSON.stringify(job.payload) })
      .execute();
  };

  const scheduler = (options: Partial<JobSchedulerOptions> = {}, db: DatabaseHandle = handle) =>
    new JobScheduler({ db: db.db, dialect: db.dialect, handlers: { fire }, now, onError: (job, error) => errors.push({ job, error }), ...options });

  const row = (id: string) => handle.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow() as Promise<JobRow>;
  const firedIds = async () => (await handle.db.selectFrom('fired').select('job_id').orderBy('job_id').execute()).map((r) => r.job_id as string);
  const count = async (table: string) =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'gw-jobs-'));
    handle = open();
    await migrateToLatest(handle.db, handle.dialect, { '2026-11-23-007-job': jobMigration({ dialect: handle.dialect.name }) });
    await handle.db.schema
      .createTable('fired')
      .addColumn('job_id', 'text', (c) => c.primaryKey())
      .addColumn('payload', 'text')
      .execute();
  });
  afterAll(async () => {
    await handle.destroy();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await handle.db.deleteFrom('job').execute();
    await handle.db.deleteFrom('fired').execute();
    clock = T0;
    errors = [];
  });

  it('runs a kind with a batch handler in one transaction, and falls back to one by one when the batch fails', async () => {
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push(await scheduleJob(handle.db, { kind: 'fire', dueAt: T0, payload: { n } }, T0));
    const batches: number[] = [];
    const batchFire = async (jobs: Job[], trx: Parameters<JobHandler>[1]) => {
      batches.push(jobs.length);
      for (const job of jobs) await fire(job, trx);
    };
    expect(await scheduler({ batchHandlers: { fire: batchFire } }).runDue()).toBe(5);
    expect(batches).toEqual([5]);
    expect(await firedIds()).toEqual([...ids].sort());

    // A batch containing a poisoned job rolls back whole; the good jobs then complete one by one.
    await handle.db.deleteFrom('fired').execute();
    const good = await scheduleJob(handle.db, { kind: 'fire', dueAt: T0, payload: { n: 10 } }, T0);
    const bad = await scheduleJob(handle.db, { kind: 'fire', dueAt: T0, payload: { poison: true } }, T0);
    const single: JobHandler = async (job, trx) => {
      if ((job.payload as { poison?: boolean }).poison) throw new Error('poisoned');
      await fire(job, trx);
    };
    const failing = async (jobs: Job[], trx: Parameters<JobHandler>[1]) => {
      for (const job of jobs) await single(job, trx);
    };
    expect(await scheduler({ handlers: { fire: single }, batchHandlers: { fire: failing } }).runDue()).toBe(1);
    expect(await firedIds()).toEqual([good]);
    expect((await row(bad)).status).toBe('pending');
    expect((await row(bad)).attempts).toBe(1);
  });

  it('fires due jobs and leaves the rest until their time', async () => {
    const due = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(T0.getTime() - SECOND), payload: { n: 1 } }, T0);
    const later = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(T0.getTime() + 10 * MINUTE), payload: { n: 2 } }, T0);
    const s = scheduler();
    expect(await s.runDue()).toBe(1);
    expect(await firedIds()).toEqual([due]);
    expect(await row(due)).toMatchObject({ status: 'done', done_at: T0.toISOString(), attempts: 0 });
    expect((await row(later)).status).toBe('pending');

    advance(10 * MINUTE - 1);
    expect(await s.runDue()).toBe(0);
    advance(1);
    expect(await s.runDue()).toBe(1);
    expect(await firedIds()).toEqual([due, later].sort());
    expect(JSON.parse((await handle.db.selectFrom('fired').select('payload').where('job_id', '=', later).executeTakeFirstOrThrow()).payload)).toEqual({ n: 2 });
    expect(await s.runDue()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('runs a backlog larger than a batch in one runDue', async () => {
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 450; i++) await scheduleJob(trx, { kind: 'fire', dueAt: new Date(T0.getTime() - i * SECOND), payload: i, key: `k:${i}` }, T0);
    });
    expect(await scheduler({ batchSize: 100 }).runDue()).toBe(450);
    expect(await count('fired')).toBe(450);
  });

  it('scheduling a key again moves its pending timer instead of adding one', async () => {
    const key = 'clock:case-1:respond';
    const first = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(T0.getTime() + MINUTE), payload: { v: 1 }, key }, T0);
    const moved = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(T0.getTime() + 5 * MINUTE), payload: { v: 2 }, key }, T0);
    expect(moved).toBe(first);
    expect(await count('job')).toBe(1);

    const s = scheduler();
    advance(MINUTE);
    expect(await s.runDue()).toBe(0);
    advance(4 * MINUTE);
    expect(await s.runDue()).toBe(1);
    expect(JSON.parse((await handle.db.selectFrom('fired').select('payload').executeTakeFirstOrThrow()).payload)).toEqual({ v: 2 });

    // A fired timer does not block setting the same clock again later.
    const again = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(clock.getTime() + MINUTE), payload: { v: 3 }, key }, clock);
    expect(again).not.toBe(first);
    expect((await row(again)).status).toBe('pending');
  });

  it('cancels pending jobs by key and by key prefix', async () => {
    const at = new Date(T0.getTime() + MINUTE);
    const ids: Record<string, string> = {};
    for (const key of ['clock:c1:respond', 'clock:c1:resolve', 'clock:c10:respond', 'clock:c2:respond']) {
      ids[key] = await scheduleJob(handle.db, { kind: 'fire', dueAt: at, payload: null, key }, T0);
    }
    expect(await cancelJobs(handle.db, { keyPrefix: 'clock:c1:' }, T0)).toBe(2);
    expect(await cancelJobs(handle.db, { key: 'clock:c2:respond' }, T0)).toBe(1);
    expect(await cancelJobs(handle.db, { key: 'clock:c2:respond' }, T0)).toBe(0);
    expect((await row(ids['clock:c1:respond'])).status).toBe('cancelled');

    advance(MINUTE);
    expect(await scheduler().runDue()).toBe(1);
    expect(await firedIds()).toEqual([ids['clock:c10:respond']]);
    await expect(cancelJobs(handle.db, {}, T0)).rejects.toThrow(/key/);
  });

  it('schedules and cancels inside the caller’s transaction: they roll back with it', async () => {
    const kept = await scheduleJob(handle.db, { kind: 'fire', dueAt: T0, payload: null, key: 'clock:c1:respond' }, T0);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await scheduleJob(trx, { kind: 'fire', dueAt: T0, payload: null, key: 'clock:c9:respond' }, T0);
        await cancelJobs(trx, { key: 'clock:c1:respond' }, T0);
        throw new Error('transition refused');
      }),
    ).rejects.toThrow('transition refused');
    expect((await handle.db.selectFrom('job').select(['id', 'status']).execute()).map((r) => [r.id, r.status])).toEqual([[kept, 'pending']]);
  });

  it('a failing handler’s writes roll back; it is retried with backoff, then failed after maxAttempts', async () => {
    const id = await scheduleJob(handle.db, { kind: 'flaky', dueAt: T0, payload: null }, T0);
    let calls = 0;
    const flaky: JobHandler = async (job, trx) => {
      calls++;
      await fire(job, trx);
      throw new Error(`downstream unavailable (${calls})`);
    };
    const s = scheduler({ handlers: { flaky }, maxAttempts: 3 });

    expect(await s.runDue()).toBe(0);
    expect(await count('fired')).toBe(0);
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'Error: downstream unavailable (1)',
      due_at: new Date(T0.getTime() + 2 * SECOND).toISOString(),
      locked_by: null,
    });
    expect(await s.runDue()).toBe(0);
    expect(calls).toBe(1);

    advance(2 * SECOND);
    expect(await s.runDue()).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 2, due_at: new Date(clock.getTime() + 4 * SECOND).toISOString() });

    advance(4 * SECOND);
    expect(await s.runDue()).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'Error: downstream unavailable (3)', done_at: clock.toISOString() });
    advance(MINUTE);
    expect(await s.runDue()).toBe(0);
    expect(calls).toBe(3);
    expect(await count('fired')).toBe(0);
    expect(errors.map((e) => e.job?.id)).toEqual([id, id, id]);
  });

  it('a handler that fails once completes on its retry', async () => {
    const id = await scheduleJob(handle.db, { kind: 'once', dueAt: T0, payload: null }, T0);
    let calls = 0;
    const s = scheduler({
      handlers: {
        once: async (job, trx) => {
          await fire(job, trx);
          if (++calls === 1) throw new Error('first time');
        },
      },
    });
    expect(await s.runDue()).toBe(0);
    advance(2 * SECOND);
    expect(await s.runDue()).toBe(1);
    expect(await firedIds()).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 1, last_error: 'Error: first time' });
  });

  it('a job of a kind nobody handles fails with that reason', async () => {
    const id = await scheduleJob(handle.db, { kind: 'nobody', dueAt: T0, payload: null }, T0);
    expect(await scheduler({ maxAttempts: 1 }).runDue()).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: "Error: no handler for job kind 'nobody'" });
  });

  it('a failed run does not resurrect a timer whose key was set again meanwhile', async () => {
    const key = 'clock:c1:respond';
    const old = await scheduleJob(handle.db, { kind: 'fails', dueAt: T0, payload: null, key }, T0);
    const rows = await claimDueJobs(handle.db, handle.dialect, {
      instanceId: 'me',
      now: T0,
      lockedUntil: new Date(T0.getTime() + MINUTE),
      limit: 10,
      reclaimLost: true,
    });
    // While the run is under way, a workflow transition resets the clock: a new pending timer.
    const replacement = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(T0.getTime() + MINUTE), payload: null, key }, T0);
    expect(replacement).not.toBe(old);
    const s = scheduler({ instanceId: 'me', handlers: { fails: async () => Promise.reject(new Error('lost the race')) } });
    expect(await runClaimed(s, rows)).toBe(0);
    expect(await row(old)).toMatchObject({ status: 'cancelled', last_error: 'Error: lost the race' });
    expect((await row(replacement)).status).toBe('pending');
  });

  it('a job that came due while no instance ran fires on the next instance’s first run', async () => {
    const a = open();
    const schedulerA = scheduler({}, a);
    const id = await scheduleJob(a.db, { kind: 'fire', dueAt: new Date(T0.getTime() + 5 * MINUTE), payload: { clock: 'respond' } }, T0);
    expect(await schedulerA.runDue()).toBe(0);
    await schedulerA.stop();
    await a.destroy();

    advance(3 * 60 * MINUTE);
    const b = open();
    try {
      expect(await scheduler({}, b).runDue()).toBe(1);
      expect(await firedIds()).toEqual([id]);
    } finally {
      await b.destroy();
    }
  });

  it('reclaims a job left running by a crashed instance once its lock expires', async () => {
    const id = await scheduleJob(handle.db, { kind: 'fire', dueAt: T0, payload: null }, T0);
    // The crashed instance claimed it and died before running it.
    const claimed = await claimDueJobs(handle.db, handle.dialect, {
      instanceId: 'crashed',
      now: T0,
      lockedUntil: new Date(T0.getTime() + MINUTE),
      limit: 10,
      reclaimLost: true,
    });
    expect(claimed.map((r) => r.id)).toEqual([id]);

    const s = scheduler();
    expect(await s.runDue()).toBe(0);
    advance(MINUTE + 1);
    expect(await s.runDue()).toBe(1);
    expect(await firedIds()).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 1, locked_by: s.instanceId });
    expect((await row(id)).last_error).toMatch(/lock of crashed expired/);
  });

  it('a job that keeps killing its instance is failed instead of run again', async () => {
    const id = await scheduleJob(handle.db, { kind: 'fire', dueAt: T0, payload: null }, T0);
    for (let i = 0; i < 2; i++) {
      await claimDueJobs(handle.db, handle.dialect, {
        instanceId: `dead-${i}`,
        now: clock,
        lockedUntil: new Date(clock.getTime() + MINUTE),
        limit: 10,
        reclaimLost: true,
      });
      advance(MINUTE + 1);
    }
    expect(await scheduler({ maxAttempts: 2 }).runDue()).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await count('fired')).toBe(0);
  });

  it('a run whose claim was taken over in the meantime does nothing', async () => {
    const id = await scheduleJob(handle.db, { kind: 'fire', dueAt: T0, payload: null }, T0);
    const slow = scheduler({ instanceId: 'slow' });
    const rows = await claimDueJobs(handle.db, handle.dialect, {
      instanceId: 'slow',
      now: T0,
      lockedUntil: new Date(T0.getTime() + MINUTE),
      limit: 10,
      reclaimLost: true,
    });
    advance(2 * MINUTE);
    expect(await scheduler({ instanceId: 'fast' }).runDue()).toBe(1);
    // The slow instance gets to its batch only now.
    expect(await runClaimed(slow, rows)).toBe(0);
    expect(await firedIds()).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: 'done', locked_by: 'fast' });
    expect(errors).toEqual([]);
  });

  it('start() polls in real time and stop() ends polling', async () => {
    const s = new JobScheduler({ db: handle.db, dialect: handle.dialect, handlers: { fire }, onError: (job, error) => errors.push({ job, error }) });
    const id = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(Date.now() + 300), payload: null }, new Date());
    const started = Date.now();
    s.start(50);
    await vi.waitFor(async () => expect(await firedIds()).toEqual([id]), { timeout: 2000, interval: 25 });
    expect(Date.now() - started).toBeLessThan(2000);
    await s.stop();
    const late = await scheduleJob(handle.db, { kind: 'fire', dueAt: new Date(), payload: null }, new Date());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await row(late)).status).toBe('pending');
    expect(errors).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('two instances on their own pools run 1,000 jobs exactly once between them', async () => {
    const total = 1000;
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < total; i++) await scheduleJob(trx, { kind: 'fire', dueAt: new Date(T0.getTime() - i), payload: i, key: `clock:c${i}:respond` }, T0);
    });
    const instances = [open(), open()];
    try {
      const schedulers = instances.map((h, i) => scheduler({ instanceId: `instance-${i}`, batchSize: 20 }, h));
      const unfinished = async () =>
        Number(
          (
            await handle.db
              .selectFrom('job')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('status', 'in', ['pending', 'running'])
              .executeTakeFirstOrThrow()
          ).n,
        );
      const work = async (s: JobScheduler) => {
        let completed = 0;
        for (;;) {
          const n = await s.runDue();
          completed += n;
          if (n === 0 && (await unfinished()) === 0) return completed;
        }
      };
      const [a, b] = await Promise.all(schedulers.map(work));
      expect(errors).toEqual([]);
      expect(a + b).toBe(total);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(await count('fired')).toBe(total);
      const byInstance = await handle.db
        .selectFrom('job')
        .select(['status', 'locked_by'])
        .select((eb) => eb.fn.countAll().as('n'))
        .groupBy(['status', 'locked_by'])
        .orderBy('locked_by')
        .execute();
      expect(byInstance.map((r) => [r.status, r.locked_by, Number(r.n)])).toEqual([
        ['done', 'instance-0', a],
        ['done', 'instance-1', b],
      ]);
    } finally {
      await Promise.all(instances.map((h) => h.destroy()));
    }
  });
});
