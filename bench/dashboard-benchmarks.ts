import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildAbility } from '../core/access';
import type { UserProfile } from '../core/auth';
import { localDay } from '../core/dashboard';
import { createRuntime, optionsFromEnv, type Runtime } from '../core/runtime';
import { sseStream, viewerFilter } from '../core/realtime';
import { createTestDatabase } from '../test/test-database';
import { percentile, round, type Benchmark, type BenchResult } from './harness';

/**
 * Command-centre benchmarks on Zhengzhou (28,162 grids) on SQLite and PostgreSQL.
 * DASHBOARD_BENCH_CASES (default 5,000,000) sets the case history behind the roll-ups;
 * DASHBOARD_BENCH_DIALECTS (default sqlite,postgres) the databases; SSE_BENCH_CLIENTS (5,000).
 */
const CASES = Number(process.env.DASHBOARD_BENCH_CASES ?? 5_000_000);
const DIALECTS = (process.env.DASHBOARD_BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const SSE_CLIENTS = Number(process.env.SSE_BENCH_CLIENTS ?? 5000);
const E = 'incidentCase';

export async function zhengzhou(dialect: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-dashbench-'));
  const database = await createTestDatabase(dialect);
  const runtime = await createRuntime(optionsFromEnv({} as NodeJS.ProcessEnv, { district: 'zhengzhou', dataDir: dir, databaseUrl: database.url, lang: 'en' }));
  return {
    runtime,
    async close() {
      await runtime.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The leaf grids (where grid workers and cases sit), numbered 0..G-1 in a scratch table. */
async function gridTable(runtime: Runtime): Promise<{ count: number; ids: string[] }> {
  const leaves = [...runtime.org.all()].filter((u) => u.level.startsWith('grid') && runtime.org.children(u.id).length === 0 && u.kind !== 'commandCentre');
  await sql`create table bench_grid (k integer primary key, id text not null, path text not null)`.execute(runtime.db);
  for (let i = 0; i < leaves.length; i += 2000) {
    await runtime.db.insertInto('bench_grid').values(leaves.slice(i, i + 2000).map((u, j) => ({ k: i + j, id: u.id, path: u.path }))).execute();
  }
  return { count: leaves.length, ids: leaves.map((u) => u.id) };
}

const series = (runtime: Runtime, n: number) =>
  runtime.dialect.name === 'postgres' ? `with seq(i) as (select generate_series(0, ${n - 1}))` : `with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ${n - 1})`;
const pick = (expr: string, values: string[]) => `(case ${expr} ${values.map((v, i) => `when ${i} then '${v}'`).join(' ')} end)`;

/**
 * The roll-ups of CASES cases over 1,000 days, written set-based (as the triggers would have left
 * them): one case per (day, grid) key, closed unless from the last three days; two clocks and a
 * closing transition each, a rating for one in five. Plus the open cases themselves (2 %), with
 * breached clocks and open supervision notices, for the live overdue/supervised counts.
 */
export async function seedHistory(runtime: Runtime, today: string, log: (s: string) => void) {
  const db = runtime.db;
  const { count: G } = await gridTable(runtime);
  const pg = runtime.dialect.name === 'postgres';
  // Day-major order (the roll-ups' key order): one case per (day, grid), days filled one by one.
  const perDay = Math.ceil(CASES / 1000);
  const age = `(i / ${perDay})`;
  const day = pg ? `to_char(date '${today}' - ${age}::int, 'YYYY-MM-DD')` : `date('${today}', '-' || ${age} || ' days')`;
  const cats = runtime.bundle.district.categories.map((c) => c.code);
  const chans = runtime.bundle.district.channels.map((c) => c.key);
  const grid = `((i % ${perDay}) * 5 + ${age} % 5) % ${G}`;
  const open = `${age} < 3`;
  const status = `(case when ${open} then ${pick('i % 4', ['reported', 'accepted', 'dispatched', 'onSite'])} when i % 50 = 0 then 'rejected' else 'closed' end)`;
  const chunk = 500_000;
  const t0 = performance.now();
  for (let lo = 0; lo < CASES; lo += chunk) {
    const n = Math.min(chunk, CASES - lo);
    const src = `${series(runtime, n)} select ${lo} + i as i from seq`;
    await sql
      .raw(
        `insert into case_rollup (entity, day, org_path, category, channel, status, n)
         select '${E}', ${day}, g.path, ${pick(`(i * 31) % ${cats.length}`, cats)}, ${pick(`(i * 17) % ${chans.length}`, chans)}, ${status}, 1
         from (${src}) s join bench_grid g on g.k = ${grid} where true
         on conflict (entity, day, org_path, category, channel, status) do update set n = case_rollup.n + 1`,
      )
      .execute(db);
    for (const clock of ['respond', 'onSite']) {
      await sql
        .raw(
          `insert into clock_rollup (entity, day, unit_path, clock, status, n, stopped_n, minutes)
           select '${E}', ${day}, g.path, '${clock}', case when ${open} then 'running' when i % 10 = 0 then 'late' else 'met' end, 1,
             case when ${open} then 0 else 1 end, case when ${open} then 0 else (i % 60) + 5 end
           from (${src}) s join bench_grid g on g.k = ${grid} where true
           on conflict (entity, day, unit_path, clock, status) do update set n = clock_rollup.n + 1, stopped_n = clock_rollup.stopped_n + excluded.stopped_n, minutes = clock_rollup.minutes + excluded.minutes`,
        )
        .execute(db);
    }
    await sql
      .raw(
        `insert into fact_rollup (entity, day, org_path, fact, n)
         select '${E}', ${day}, g.path, case when i % 5 = 0 then 'rating:' || (3 + i % 3) else 'transition:close' end, 1
         from (${src}) s join bench_grid g on g.k = ${grid} where not (${open})
         on conflict (entity, day, org_path, fact) do update set n = fact_rollup.n + 1`,
      )
      .execute(db);
    log(`  roll-ups for ${lo + n} cases (${round((performance.now() - t0) / 1000, 1)} s)`);
  }
  // Open cases as real rows: 2 % of the history, a fifth overdue, a twentieth supervised.
  const openCases = Math.round(CASES * 0.02);
  const iso = `${today}T02:00:00.000Z`;
  await sql
    .raw(
      `insert into "ent_${E}" (id, org_unit_id, org_path, status, version, schema_version, created_at, created_by, updated_at, updated_by, deleted_at, title, category, channel, urgency, "reportedAt")
       select 'bench' || s.i, g.id, g.path, 'dispatched', 1, 1, '${iso}', null, '${iso}', null, null, '基准事件', '${cats[0]}', '${chans[0]}', 'normal', '${iso}'
       from (${series(runtime, openCases)} select i from seq) s join bench_grid g on g.k = (s.i * 7) % ${G}`,
    )
    .execute(db);
  await sql
    .raw(
      `insert into case_clock (id, entity, record_id, task_id, clock, minutes, time, unit_id, started_at, due_at, breached_at, stopped_at, status)
       select 'bc' || i, '${E}', 'bench' || i, null, 'respond', 30, 'calendar', null, '${iso}', '${iso}', '${iso}', null, 'breached'
       from (${series(runtime, Math.round(openCases / 5))} select i * 5 as i from seq) s`,
    )
    .execute(db);
  await sql
    .raw(
      `insert into notice (id, entity, record_id, clock_id, kind, unit_id, issued_at, deadline_at, status, closed_at, closed_reason)
       select 'bn' || i, '${E}', 'bench' || i, 'bc' || i, 'supervision', 'zz', '${iso}', null, 'open', null, null
       from (${series(runtime, Math.round(openCases / 20))} select i * 20 as i from seq) s`,
    )
    .execute(db);
  if (pg) await sql`analyze`.execute(db);
  else await sql`analyze`.execute(db);
  log(`  seeded in ${round((performance.now() - t0) / 1000, 1)} s`);
}

/** A principal built without the user service (benchmarks need many, fast). */
export function principal(id: string, role: string, unitId: string): UserProfile {
  return { id, username: id, name: id, disabled: false, assignments: [{ role, unitId }] };
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export const dashboardFigures: Benchmark = {
  name: 'dashboard.figures.district-5m',
  description: `dashboard figures (counts, rates, clocks, trend, ranking, live overdue/supervised) for one Zhengzhou district over ${CASES.toLocaleString()} cases of roll-ups: p95 of 40 requests, ${DIALECTS.join(' and ')}`,
  async run() {
    const out: BenchResult[] = [];
    for (const dialect of DIALECTS) {
      const { runtime, close } = await zhengzhou(dialect);
      try {
        const today = localDay(runtime.now(), runtime.bundle.district.timeZone);
        await seedHistory(runtime, today, console.log);
        const district = [...runtime.org.all()].find((u) => u.level === 'district' && u.kind === 'area')!;
        const centre = runtime.org.children(district.id).find((u) => u.kind === 'commandCentre')!;
        const p = principal('bench-dispatcher', 'districtDispatcher', centre.id);
        const ability = buildAbility(runtime.bundle, runtime.org, p);
        const ctx = { lang: 'en' as const, actor: { id: p.id }, ability, roles: ['districtDispatcher'], units: [centre.id] };
        const figures = await runtime.dashboard.figures(ctx);
        const samples: number[] = [];
        for (let i = 0; i < 43; i++) {
          const ms = await timed(() => runtime.dashboard.figures(ctx));
          if (i >= 3) samples.push(ms);
        }
        const yearSamples: number[] = [];
        const from = `${today.slice(0, 4)}-01-01`;
        for (let i = 0; i < 10; i++) yearSamples.push(await timed(() => runtime.dashboard.figures(ctx, { from })));
        const p95 = percentile(samples, 95);
        out.push({
          name: `dashboard.figures.district-month.${dialect}`,
          value: round(p95),
          unit: 'ms p95',
          target: '< 300 ms',
          ok: p95 < 300,
          note: `${CASES.toLocaleString()} cases; ${district.id}: month so far ${figures.total.count.toLocaleString()} cases, overdue ${figures.overdue.count}, supervised ${figures.supervised.count}; p50 ${round(percentile(samples, 50))} ms`,
        });
        console.log(`  ${dialect}: month p95 ${round(p95)} ms, p50 ${round(percentile(samples, 50))} ms`);
        out.push({
          name: `dashboard.figures.district-year.${dialect}`,
          value: round(percentile(yearSamples, 95)),
          unit: 'ms p95',
          target: 'info',
          ok: true,
          note: `window ${from}..${today}`,
        });
      } finally {
        await close();
      }
    }
    return out;
  },
};

/** 221,000 grid workers as users with the gridWorker role in the leaf grids, set-based. */
async function seedGridWorkers(runtime: Runtime, n: number) {
  const { count: G } = await gridTable(runtime);
  const pg = runtime.dialect.name === 'postgres';
  const t = pg ? 'now()' : `'2026-01-01T00:00:00.000Z'`;
  const f = pg ? 'false' : '0';
  await sql
    .raw(
      `insert into "user" (id, name, email, "emailVerified", image, "createdAt", "updatedAt", username, "displayUsername", disabled)
       select 'gw' || i, 'gw' || i, 'gw' || i || '@bench.invalid', ${f}, null, ${t}, ${t}, 'gw' || i, null, ${f} from (${series(runtime, n)} select i from seq) s`,
    )
    .execute(runtime.db);
  await sql
    .raw(
      `insert into user_role (user_id, role, org_unit_id, created_at, created_by)
       select 'gw' || s.i, 'gridWorker', g.id, '2026-01-01T00:00:00.000Z', null from (${series(runtime, n)} select i from seq) s join bench_grid g on g.k = s.i % ${G}`,
    )
    .execute(runtime.db);
  return (await runtime.db.selectFrom('bench_grid').select(['id']).execute()).map((r) => r.id as string);
}

export const broadcastFanOut: Benchmark = {
  name: 'dashboard.broadcast.221k-inboxes',
  description: `a city instruction to 221,000 grid workers: stored and visible (recipient count from the inboxes' own query, sampled inbox reads) — ${DIALECTS.join(' and ')}`,
  async run() {
    const out: BenchResult[] = [];
    for (const dialect of DIALECTS) {
      const { runtime, close } = await zhengzhou(dialect);
      try {
        const grids = await seedGridWorkers(runtime, 221_000);
        if (dialect === 'postgres') await sql`analyze`.execute(runtime.db);
        const centre = 'zz-occ';
        const sender = principal('bench-city', 'cityDispatcher', centre);
        const ctx = { lang: 'en' as const, actor: { id: sender.id }, ability: buildAbility(runtime.bundle, runtime.org, sender), roles: ['cityDispatcher'], units: [centre] };
        const t0 = performance.now();
        const sent = await runtime.broadcasts.send(ctx, { title: '市级指令', body: '全市网格员立即开展防汛排查', priority: 'urgent' });
        const sendMs = performance.now() - t0;
        // Visible: every inbox is the same query; read 200 random recipients' inboxes.
        const reads: number[] = [];
        let seen = 0;
        for (let i = 0; i < 200; i++) {
          const k = Math.floor(Math.random() * 221_000);
          const viewer = principal(`gw${k}`, 'gridWorker', grids[k % grids.length]);
          const t = performance.now();
          const inbox = await runtime.broadcasts.inbox({ lang: 'en' }, viewer, 20);
          reads.push(performance.now() - t);
          if (inbox.some((b) => b.id === sent.id)) seen++;
        }
        const t1 = performance.now();
        const stats = await runtime.broadcasts.stats(ctx, sent.id);
        const statsMs = performance.now() - t1;
        const visible = sendMs + percentile(reads, 95);
        out.push({
          name: `dashboard.broadcast.send+inbox.${dialect}`,
          value: round(visible),
          unit: 'ms',
          target: '< 1000 ms',
          ok: visible < 1000 && seen === 200 && stats.total.recipients === 221_000,
          note: `send ${round(sendMs)} ms + inbox read p95 ${round(percentile(reads, 95))} ms; ${seen}/200 sampled inboxes show it; recipients counted ${stats.total.recipients} in ${round(statsMs)} ms`,
        });
      } finally {
        await close();
      }
    }
    return out;
  },
};

export const sseDelivery: Benchmark = {
  name: 'dashboard.sse.5000-connections',
  description: `${SSE_CLIENTS} concurrent SSE connections on loopback (one HTTP server, the same stream and viewer filter as /api/events): p99 delivery of a broadcast — ${DIALECTS.join(' and ')}`,
  async run() {
    const out: BenchResult[] = [];
    for (const dialect of DIALECTS) {
      const { runtime, close } = await zhengzhou(dialect);
      const grids = [...runtime.org.all()].filter((u) => u.level === 'grid3').map((u) => u.id);
      const viewers = Array.from({ length: 100 }, (_, i) => principal(`v${i}`, 'gridWorker', grids[(i * 97) % grids.length]));
      const filters = viewers.map((v) => viewerFilter(v, buildAbility(runtime.bundle, runtime.org, v), runtime.registry, runtime.org));
      let next = 0;
      const server = http.createServer((req, res) => {
        const stream = sseStream(runtime.realtime, filters[next++ % filters.length]);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const reader = stream.getReader();
        req.on('close', () => void reader.cancel().catch(() => {}));
        const pump = (): void => {
          reader.read().then(({ done, value }) => {
            if (done) return void res.end();
            res.write(value);
            pump();
          }, () => res.end());
        };
        pump();
      });
      server.maxConnections = SSE_CLIENTS + 100;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
      const received: number[] = [];
      let sentAt = 0;
      let connected = 0;
      const requests: http.ClientRequest[] = [];
      try {
        await new Promise<void>((resolve, reject) => {
          for (let i = 0; i < SSE_CLIENTS; i++) {
            const req = http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
              let buf = '';
              let got = false;
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                buf += chunk;
                if (!got && buf.includes(': connected')) {
                  got = true;
                  if (++connected === SSE_CLIENTS) resolve();
                }
                if (buf.includes('event: broadcast')) {
                  received.push(performance.now() - sentAt);
                  buf = '';
                  res.destroy();
                }
              });
            });
            req.on('error', reject);
            requests.push(req);
          }
        });
        await new Promise((r) => setTimeout(r, 500));
        const sender = principal('bench-city', 'cityDispatcher', 'zz-occ');
        const ctx = { lang: 'en' as const, actor: { id: sender.id }, ability: buildAbility(runtime.bundle, runtime.org, sender), roles: ['cityDispatcher'], units: ['zz-occ'] };
        sentAt = performance.now();
        await runtime.broadcasts.send(ctx, { title: '市级指令', body: '请确认收到' });
        const deadline = Date.now() + 10_000;
        while (received.length < SSE_CLIENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const p99 = received.length === SSE_CLIENTS ? percentile(received, 99) : Infinity;
        out.push({
          name: `dashboard.sse.broadcast-delivery.${dialect}`,
          value: round(p99),
          unit: 'ms p99',
          target: '< 2000 ms',
          ok: p99 < 2000,
          note: `${received.length}/${SSE_CLIENTS} delivered; p50 ${round(percentile(received, 50))} ms; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
        });
      } finally {
        for (const r of requests) r.destroy();
        agent.destroy();
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        await close();
      }
    }
    return out;
  },
};

