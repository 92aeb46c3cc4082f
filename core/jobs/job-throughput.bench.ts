// How fast a backlog of due timers fires: 10,000 cases × 3 SLA clocks, all due, trivial handlers.
// `npx tsx core/jobs/job-throughput.bench.ts [--cases N] [--dialects sqlite,postgres] [--concurrency N]`
// SQLite is a WAL file in a temp dir (as in production, not :memory:); PostgreSQL a throw-away
// database on PG_TEST_URL's server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db';
import { job as jobMigration } from '../db/migrations/2026-11-23-007-job';
import { scheduleJob } from './schedule-job';
import { JobScheduler } from './scheduler';

const PG_ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLOCKS = ['accept', 'respond', 'resolve'];

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    concurrency: { type: 'string' },
    batch: { type: 'string' },
  },
});

async function bench(handle: DatabaseHandle, cases: number) {
  await migrateToLatest(handle.db, handle.dialect, { '2026-11-23-007-job': jobMigration({ dialect: handle.dialect.name }) });
  const now = new Date('2026-11-23T08:00:00.000Z');
  let t = performance.now();
  // As a workflow would: one transaction per case transition setting its three clocks.
  for (let c = 0; c < cases; c++) {
    await handle.db.transaction().execute(async (trx) => {
      for (const [i, clock] of CLOCKS.entries()) {
        await scheduleJob(
          trx,
          { kind: 'sla', key: `clock:case-${c}:${clock}`, dueAt: new Date(now.getTime() + i * 1000), payload: { caseId: `case-${c}`, clock } },
          now,
        );
      }
    });
  }
  const scheduleMs = performance.now() - t;
  let fired = 0;
  const scheduler = new JobScheduler({
    db: handle.db,
    dialect: handle.dialect,
    handlers: { sla: async () => void fired++ },
    now: () => new Date(now.getTime() + 60_000),
    batchSize: values.batch ? Number(values.batch) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  });
  t = performance.now();
  const completed = await scheduler.runDue();
  const runMs = performance.now() - t;
  const left = await handle.db
    .selectFrom('job')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'done')
    .executeTakeFirstOrThrow();
  return { jobs: cases * CLOCKS.length, scheduleMs, completed, fired, notDone: Number(left.n), runMs, perSecond: Math.round(completed / (runMs / 1000)) };
}

const cases = Number(values.cases);
for (const dialect of values.dialects!.split(',')) {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-jobs-bench-'));
    const handle = createDatabase({ sqliteFile: path.join(dir, 'bench.sqlite') });
    try {
      console.log('sqlite', await bench(handle, cases));
    } finally {
      await handle.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const name = `gw_jobs_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const handle = createDatabase({ databaseUrl: url.toString() });
    try {
      console.log('postgres', await bench(handle, cases));
    } finally {
      await handle.destroy();
      // pg-pool resolves end() before its sockets close; a forced drop at once would kill them
      // under a listener that rethrows.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}
