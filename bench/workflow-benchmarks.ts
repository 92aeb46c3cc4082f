import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAbility } from '../core/access';
import { loadPrincipal } from '../core/auth';
import { systemContext } from '../core/entities';
import { createRuntime, optionsFromEnv, type Runtime } from '../core/runtime';
import { demoCase } from '../core/seed';
import type { Benchmark } from './harness';

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

export const transitionThroughput: Benchmark = {
  name: 'workflow.transitions',
  description: 'A grid worker accepting cases one after another through the engine (permission check, form validation, state change, event, clocks stopped and started, timers, audit), SQLite',
  async run() {
    const { runtime, close } = await clockedRuntime();
    try {
      const grid = 'xg-wcl-c01-g04';
      const ids = await createCases(runtime, 3000, grid);
      const user = await runtime.users.create(systemContext('en'), { username: 'benchworker', name: '网格员', password: 'bench-password', assignments: [{ role: 'gridWorker', unitId: grid }] });
      const principal = (await loadPrincipal(runtime.db, user.id))!;
      const ctx = { lang: 'en' as const, actor: { id: principal.id }, ability: buildAbility(runtime.bundle, runtime.org, principal), roles: ['gridWorker'], units: [grid] };
      const started = performance.now();
      for (const id of ids) await runtime.workflow.fire(ctx, E, id, 'accept');
      const perSecond = ids.length / ((performance.now() - started) / 1000);
      const accepted = await runtime.entities.count(systemContext(), E, { filter: { status: 'accepted' } });
      if (accepted !== ids.length) throw new Error(`expected ${ids.length} accepted, got ${accepted}`);
      return [{ name: 'workflow.transitions.per-second', value: perSecond, unit: 'transitions/s', target: '≥ 1000/s', ok: perSecond >= 1000 }];
    } finally {
      await close();
    }
  },
};
