import { Bench } from 'tinybench';
import { systemContext } from '../core/entities';
import { encodeData } from '../core/entities/record-codec';
import { newRecordId } from '../core/entities/record-id';
import { demoCase } from '../core/seed';
import type { Runtime } from '../core/runtime';
import { benchRuntime } from './fixtures';
import { percentile, type Benchmark } from './harness';

const E = 'incidentCase';
const ctx = systemContext('en');

function caseSource(runtime: Runtime) {
  const grids = [...runtime.org.all()].filter((u) => u.kind === 'grid');
  return { grids, bundle: runtime.bundle, until: new Date('2026-11-01T00:00:00Z'), days: 365 };
}

/** The row the service would write for demo case i, encoded outside any timing. */
function rawRow(runtime: Runtime, input: ReturnType<typeof demoCase>, iso: string) {
  const entity = runtime.registry.get(E);
  const unit = runtime.org.get(input.orgUnitId!)!;
  return {
    id: newRecordId(),
    org_unit_id: unit.id,
    org_path: unit.path,
    status: 'reported',
    version: 1,
    schema_version: entity.version,
    created_at: iso,
    created_by: 'bench',
    updated_at: iso,
    updated_by: 'bench',
    deleted_at: null,
    ...encodeData(entity, { urgency: 'normal', ...input.data }),
  };
}

async function rawInsert(runtime: Runtime, rows: Record<string, unknown>[], txSize: number) {
  const perStatement = Math.floor(32766 / Object.keys(rows[0]).length);
  const batch = Math.min(500, perStatement);
  for (let i = 0; i < rows.length; i += txSize) {
    const chunk = rows.slice(i, i + txSize);
    await runtime.db.transaction().execute(async (trx) => {
      for (let j = 0; j < chunk.length; j += batch) await trx.insertInto('ent_incidentCase').values(chunk.slice(j, j + batch)).execute();
    });
  }
}

export const insertThroughput: Benchmark = {
  name: 'entity.insert.100k',
  description: '100k case records through the entity service (validated, audited; and again with the workflow start) vs raw Kysely inserts of the same rows, batched transactions of 1,000, interleaved, SQLite',
  async run() {
    const N = 100_000;
    const TX = 1000;
    const raw = await benchRuntime();
    const svc = await benchRuntime();
    const full = await benchRuntime();
    // The entity service proper (validation, ids, audit): the case workflow's start-up is measured
    // separately below, with the same rows, as what intake pays on top.
    svc.runtime.entities.onCreate(async () => {});
    try {
      const source = caseSource(raw.runtime);
      const inputs = Array.from({ length: N }, (_, i) => demoCase(source, i));
      const iso = new Date().toISOString();
      const rows = inputs.map((input) => rawRow(raw.runtime, input, iso));
      // Interleaved in chunks so all sides see the same disk and cache conditions over time.
      let rawSeconds = 0;
      let svcSeconds = 0;
      let fullSeconds = 0;
      for (let i = 0; i < N; i += 10 * TX) {
        let t = performance.now();
        await rawInsert(raw.runtime, rows.slice(i, i + 10 * TX), TX);
        rawSeconds += (performance.now() - t) / 1000;
        t = performance.now();
        for (let j = i; j < Math.min(N, i + 10 * TX); j += TX) await svc.runtime.entities.createMany(ctx, E, inputs.slice(j, j + TX));
        svcSeconds += (performance.now() - t) / 1000;
        t = performance.now();
        for (let j = i; j < Math.min(N, i + 10 * TX); j += TX) await full.runtime.entities.createMany(ctx, E, inputs.slice(j, j + TX));
        fullSeconds += (performance.now() - t) / 1000;
      }
      const rawRate = N / rawSeconds;
      const svcRate = N / svcSeconds;
      const fullRate = N / fullSeconds;
      if ((await svc.runtime.entities.count(ctx, E)) !== N || (await full.runtime.entities.count(ctx, E)) !== N) throw new Error('service insert lost rows');
      return [
        { name: 'entity.insert.100k.raw', value: rawRate, unit: 'rows/s', target: 'baseline', ok: true },
        { name: 'entity.insert.100k.service', value: svcRate, unit: 'rows/s', baseline: rawRate, ratio: svcRate / rawRate, target: 'ratio ≥ 0.5', ok: svcRate / rawRate >= 0.5, note: 'validated + audited' },
        { name: 'entity.insert.100k.service+workflow', value: fullRate, unit: 'rows/s', baseline: rawRate, ratio: fullRate / rawRate, target: 'informational', ok: true, note: 'also starts each case: timeline, responsible unit, SLA clocks, durable timers (~10 rows per case)' },
      ];
    } finally {
      await raw.close();
      await svc.close();
      await full.close();
    }
  },
};

export async function fillCases(runtime: Runtime, n: number): Promise<void> {
  const source = caseSource(runtime);
  const iso = new Date().toISOString();
  for (let i = 0; i < n; i += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => rawRow(runtime, demoCase(source, i + k), iso));
    await rawInsert(runtime, rows, 10_000);
  }
  await runtime.db.executeQuery({ sql: 'analyze', parameters: [], query: { kind: 'RawNode' } as never, queryId: { queryId: 'analyze' } });
}

export const indexedList: Benchmark = {
  name: 'entity.list.indexed.1M',
  description: 'Filter on an indexed field + sort by another + page of 50 (first pages and deep cursor pages) over 1M case records, SQLite',
  async run() {
    const N = 1_000_000;
    const { runtime, close } = await benchRuntime();
    try {
      await fillCases(runtime, N);
      const categories = runtime.bundle.district.categories.filter((c) => !runtime.bundle.district.categories.some((o) => o.parent === c.code));
      // Cursors ten pages deep, so the bench covers paging, not only the first page.
      const cursors: (string | null)[] = [];
      for (const c of categories) {
        let cursor: string | null = null;
        for (let p = 0; p < 10; p++) {
          const page = await runtime.entities.list(ctx, E, { filter: { category: c.code }, sort: { field: 'reportedAt', dir: 'desc' }, limit: 50, cursor });
          cursor = page.nextCursor;
        }
        cursors.push(cursor);
      }
      let i = 0;
      const bench = new Bench({ iterations: 400, warmupIterations: 20, retainSamples: true, time: 0 });
      bench.add('list', async () => {
        const k = i++ % categories.length;
        const page = await runtime.entities.list(ctx, E, {
          filter: { category: categories[k].code },
          sort: { field: 'reportedAt', dir: 'desc' },
          limit: 50,
          cursor: i % 2 ? cursors[k] : null,
        });
        if (page.items.length !== 50) throw new Error('short page');
      });
      await bench.run();
      const samples = Array.from((bench.tasks[0].result as { latency: { samples?: ArrayLike<number> } }).latency.samples!);
      const p95 = percentile(samples, 95);
      return [
        { name: 'entity.list.indexed.1M.p95', value: p95, unit: 'ms', target: '< 20 ms', ok: p95 < 20, note: `p50 ${percentile(samples, 50).toFixed(2)} ms over ${samples.length} queries` },
      ];
    } finally {
      await close();
    }
  },
};
