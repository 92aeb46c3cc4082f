import { Bench } from 'tinybench';
import { buildAbility } from '../core/access';
import { loadPrincipal } from '../core/auth';
import { systemContext } from '../core/entities';
import { fillCases } from './entity-benchmarks';
import { benchRuntime } from './fixtures';
import { percentile, type Benchmark } from './harness';

const E = 'incidentCase';

export const scopedList: Benchmark = {
  name: 'access.list.gridworker.1M',
  description: "A grid worker's list of 50 cases under CASL-scoped SQL over 1M cases vs the same query without rules, SQLite",
  async run() {
    const { runtime, close } = await benchRuntime();
    try {
      await fillCases(runtime, 1_000_000);
      const grid = [...runtime.org.all()].find((u) => u.kind === 'grid')!;
      const user = await runtime.users.create(systemContext('en'), { username: 'benchworker', name: '网格员', password: 'bench-password', assignments: [{ role: 'gridWorker', unitId: grid.id }] });
      const principal = (await loadPrincipal(runtime.db, user.id))!;
      const scoped = { lang: 'en' as const, actor: { id: principal.id }, ability: buildAbility(runtime.bundle, runtime.org, principal) };
      const unscoped = systemContext('en');
      const first = await runtime.entities.list(scoped, E, { limit: 50 });
      if (first.items.length !== 50 || first.items.some((r) => r.orgUnitId !== grid.id)) throw new Error('scoped list is wrong');
      const bench = new Bench({ iterations: 400, warmupIterations: 20, retainSamples: true, time: 0 });
      bench.add('unscoped', async () => void (await runtime.entities.list(unscoped, E, { limit: 50 })));
      bench.add('scoped', async () => void (await runtime.entities.list(scoped, E, { limit: 50 })));
      await bench.run();
      const p95 = (name: string) => percentile(Array.from((bench.getTask(name)!.result as { latency: { samples?: ArrayLike<number> } }).latency.samples!), 95);
      const base = p95('unscoped');
      const value = p95('scoped');
      return [
        { name: 'access.list.gridworker.1M.p95', value, unit: 'ms', target: '< 25 ms', ok: value < 25 },
        { name: 'access.list.gridworker.1M.overhead', value, unit: 'ms', baseline: base, ratio: value / base, target: 'ratio ≤ 1.5', ok: value / base <= 1.5, note: 'p95 scoped vs p95 of the same list without rules' },
      ];
    } finally {
      await close();
    }
  },
};
