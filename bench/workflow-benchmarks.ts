import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildAbility } from '../core/access';
import { loadPrincipal } from '../core/auth';
import { verifyAudit } from '../core/audit';
import { createDatabase } from '../core/db';
import { systemContext, type ServiceContext } from '../core/entities';
import { createRuntime, optionsFromEnv, type Runtime } from '../core/runtime';
import { demoCase } from '../core/seed';
import type { Benchmark, BenchResult } from './harness';

const E = 'incidentCase';

/** A runtime on a temp SQLite file with a hand-moved clock, optionally on an edited config. */
async function clockedRuntime(edit?: (district: any, workflow: any) => void) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-wfbench-'));
  const configDir = path.join(dir, 'xigong');
  cpSync('configs/xigong', configDir, { recursive: true });
  if (edit) {
    const dFile = path.join(configDir, 'district.json');
    const wFile = path.join(configDir, 'workflows/case-workflow.json');
    const district = JSON.parse(readFileSync(dFile, 'utf8'));
    const workflow = JSON.parse(readFileSync(wFile, 'utf8'));
    edit(district, workflow);
    writeFileSync(dFile, JSON.stringify(district));
    writeFileSync(wFile, JSON.stringify(workflow));
  }
  let now = new Date('2026-09-07T01:00:00.000Z').getTime();
  const runtime = await createRuntime(optionsFromEnv({} as NodeJS.ProcessEnv, { district: 'xigong', configDir, dataDir: dir, lang: 'en' }), { now: () => new Date(now) });
  return {
    runtime,
    dir,
    advance: (minutes: number) => void (now += minutes * 60_000),
    async close() {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createCases(runtime: Runtime, n: number, onlyGrid?: string) {
  const grids = [...runtime.org.all()].filter((u) => u.kind === 'grid' && (!onlyGrid || u.id === onlyGrid));
  const source = { grids, bundle: runtime.bundle, until: new Date('2026-09-07T00:00:00Z'), days: 30 };
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - i) }, (_, k) => demoCase(source, i + k));
    ids.push(...(await runtime.entities.createMany(systemContext('en'), E, batch)).map((r) => r.id));
  }
  return ids;
}

export const breachStorm: Benchmark = {
  name: 'workflow.breach.10k-cases-3-clocks',
  description: '10,000 cases with 3 clocks each due in the same minute: time from the due instant until every breach action (breach mark, reminder notice, supervision timer, escalation, notifications, audit) is applied, SQLite',
  async run() {
    const { runtime, advance, close } = await clockedRuntime((district, workflow) => {
      for (const c of district.slaProfiles[0].clocks) c.minutes = 30;
      const reported = workflow.states.find((s: any) => s.key === 'reported');
      reported.onEnter.push({ do: 'startClock', clock: 'onSite' });
    });
    try {
      await createCases(runtime, 10_000);
      const clocks = await runtime.db.selectFrom('case_clock').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'running').executeTakeFirstOrThrow();
      if (Number(clocks.n) !== 30_000) throw new Error(`expected 30,000 running clocks, got ${clocks.n}`);
      advance(30);
      const started = performance.now();
      let fired = 0;
      for (let n = await runtime.scheduler.runDue(); n > 0; n = await runtime.scheduler.runDue()) fired += n;
      const seconds = (performance.now() - started) / 1000;
      const breached = await runtime.db.selectFrom('case_clock').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'breached').executeTakeFirstOrThrow();
      if (Number(breached.n) !== 30_000) throw new Error(`expected 30,000 breached clocks, got ${breached.n} (fired ${fired})`);
      return [{ name: 'workflow.breach.30k.seconds', value: seconds, unit: 's', target: '< 10 s', ok: seconds < 10, note: `${fired} jobs, ${Math.round(fired / seconds)} jobs/s` }];
    } finally {
      await close();
    }
  },
};

/**
 * Bare durable commits per second on the same disk, same pragmas (WAL, synchronous=FULL): one
 * single-row insert per transaction. What a transition can at best cost when each one has to be
 * on disk before its caller hears back.
 */
async function bareCommitsPerSecond(dir: string, n: number): Promise<number> {
  const handle = createDatabase({ sqliteFile: path.join(dir, 'bare-commits.sqlite') });
  try {
    await sql`create table if not exists bare (id integer primary key, v text not null)`.execute(handle.db);
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      await handle.db.transaction().execute((trx) => sql`insert into bare (v) values (${`row ${i}`})`.execute(trx));
    }
    return n / ((performance.now() - started) / 1000);
  } finally {
    await handle.destroy();
  }
}

/**
 * Fires `key` on every id with `callers` concurrent callers (each one after another): transitions
 * per second, and this process's CPU time per transition (steadier than the rate on a shared disk).
 */
async function fireAll(runtime: Runtime, ctx: ServiceContext, ids: string[], key: string, callers: number) {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < ids.length) await runtime.workflow.fire(ctx, E, ids[next++], key);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: ids.length / seconds, cpuMicros: (used.user + used.system) / ids.length };
}

export const transitionThroughput: Benchmark = {
  name: 'workflow.transitions',
  description:
    'Transitions through the engine (scoped read, permission check, form validation, state change, timeline event, ' +
    'clock stopped + clock started, timers moved, audit entry), each acknowledged only after its durable commit ' +
    '(SQLite file, WAL, synchronous=FULL): a grid worker accepting 3,000 cases one after another (sequential), ' +
    'then 16 concurrent callers accepting 3,000 other cases (they share commits: group commit). ' +
    'Baseline: bare durable commits/s (one-row transactions) on the same disk in the same run, measured before and after; ratio = transitions/s ÷ bare commits/s.',
  async run() {
    const { runtime, dir, close } = await clockedRuntime();
    try {
      const grid = 'xg-wcl-c01-g04';
      const N = 3000;
      const CALLERS = 16;
      const ids = await createCases(runtime, 2 * N, grid);
      const user = await runtime.users.create(systemContext('en'), { username: 'benchworker', name: '网格员', password: 'bench-password', assignments: [{ role: 'gridWorker', unitId: grid }] });
      const principal = (await loadPrincipal(runtime.db, user.id))!;
      const ctx = { lang: 'en' as const, actor: { id: principal.id }, ability: buildAbility(runtime.bundle, runtime.org, principal), roles: ['gridWorker'], units: [grid] };
      const bareBefore = await bareCommitsPerSecond(dir, N);
      const sequential = await fireAll(runtime, ctx, ids.slice(0, N), 'accept', 1);
      const concurrent = await fireAll(runtime, ctx, ids.slice(N), 'accept', CALLERS);
      const bareAfter = await bareCommitsPerSecond(dir, N);
      const bare = (bareBefore + bareAfter) / 2;
      const accepted = await runtime.entities.count(systemContext(), E, { filter: { status: 'accepted' } });
      if (accepted !== ids.length) throw new Error(`expected ${ids.length} accepted, got ${accepted}`);
      const verified = await verifyAudit(runtime.db);
      if (!verified.ok) throw new Error(`audit chain broken: ${JSON.stringify(verified)}`);
      const groups = runtime.groupCommit?.stats;
      const bareNote = `bare durable commits: ${Math.round(bareBefore)}/s before, ${Math.round(bareAfter)}/s after`;
      const result = (name: string, r: { perSecond: number; cpuMicros: number }, note: string): BenchResult => ({
        name,
        value: r.perSecond,
        unit: 'transitions/s',
        baseline: bare,
        ratio: r.perSecond / bare,
        target: '≥ 1000/s',
        ok: r.perSecond >= 1000,
        note: `CPU ${Math.round(r.cpuMicros)} µs/transition; ${note}${bareNote}`,
      });
      return [
        result('workflow.transitions.sequential.per-second', sequential, ''),
        result(`workflow.transitions.concurrent-${CALLERS}.per-second`, concurrent, groups ? `${groups.committed} transitions in ${groups.groups} commits overall (sequential included); ` : ''),
      ];
    } finally {
      await close();
    }
  },
};
