import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner, serviceContext } from '../api/context';
import type { UserProfile } from '../auth';
import { systemContext } from '../entities';
import { ForbiddenError, ValidationError } from '../errors';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { createTestRuntime, dialects } from '../../test/test-database';
import { drillQuery, type DrillDown } from './drill-down';
import { rollupDrift } from './rollup-triggers';

const E = 'incidentCase';
const GRID_W = 'xg-wcl-c01-g04'; // 王城路街道 军民巷社区第四网格
const GRID_H = 'xg-hs-c01-g01'; // 红山街道 红山社区第一网格

/** A clock tests set by hand. */
function fakeClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (iso: string) => void (now = new Date(iso).getTime()) };
}

describe.each(dialects())('dashboard figures on %s', (dialect) => {
  const clock = fakeClock('2026-08-31T15:00:00.000Z');
  let runtime: Runtime;
  let close: () => Promise<void>;
  const users: Record<string, UserProfile> = {};
  const as = (name: string) => createCaller(createContextInner({ runtime, lang: 'en', principal: users[name] }));
  const ids: Record<string, string> = {};

  const report = async (key: string, at: string, unit: string, category: string, channel: string) => {
    clock.set(at);
    const c = await as('resident').entity.create({ entity: E, orgUnitId: unit, data: { title: `事件${key}`, category, channel, reportedAt: at, location: { lng: 112.43, lat: 34.67 } } });
    ids[key] = c.id;
  };
  const fire = (who: string, key: string, transition: string, at: string, form?: Record<string, unknown>) => {
    clock.set(at);
    return as(who).case.fire({ entity: E, id: ids[key], transition, form });
  };

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { now: clock.now }));
    const make = async (name: string, role: string, unitId: string) => (users[name] = await createPrincipal(runtime, [{ role, unitId }], name));
    await make('dispatcher', 'dispatcher', 'xg-command');
    await make('officer', 'subdistrictOfficer', 'xg-hs');
    await make('worker', 'gridWorker', GRID_W);
    await make('handler', 'departmentHandler', 'xg-dept-civil');
    await make('resident', 'resident', 'xg');
    // Local time is UTC+8. D: 31 Aug 23:30 (before the window). C: 1 Sep 00:30 (UTC date 31 Aug).
    await report('D', '2026-08-31T15:30:00.000Z', GRID_W, 'safety.building', 'residentApp');
    await report('C', '2026-08-31T16:30:00.000Z', GRID_W, 'safety.building', 'hotline12345');
    await fire('worker', 'C', 'accept', '2026-08-31T16:40:00.000Z'); // respond met after 10 min
    await fire('dispatcher', 'C', 'dispatch', '2026-08-31T16:45:00.000Z');
    await fire('worker', 'C', 'arrive', '2026-08-31T17:40:00.000Z', { photos: ['f1'], location: { lng: 112.43, lat: 34.67 } }); // on site after 60 min
    await fire('worker', 'C', 'handle', '2026-08-31T17:45:00.000Z', { result: '已修复' });
    await fire('worker', 'C', 'giveFeedback', '2026-08-31T17:50:00.000Z', { feedback: '已反馈' }); // feedback after 80 min
    await fire('dispatcher', 'C', 'close', '2026-08-31T17:55:00.000Z');
    clock.set('2026-09-02T01:00:00.000Z');
    await as('resident').case.rate({ entity: E, id: ids.C, rating: 5 });
    // A: 6 Sep 23:59 local; B: 7 Sep 00:01 local — either side of midnight.
    await report('A', '2026-09-06T15:59:00.000Z', GRID_H, 'utilities.water', 'gridReport');
    await fire('dispatcher', 'A', 'reject', '2026-09-06T16:05:00.000Z', { reason: '重复上报' }); // clocks stop after 6 min
    await report('B', '2026-09-06T16:01:00.000Z', GRID_W, 'safety.building', 'residentApp');
    await fire('worker', 'B', 'accept', '2026-09-06T16:51:00.000Z'); // respond late after 50 min
    await report('E', '2026-09-07T00:30:00.000Z', GRID_H, 'safety.building', 'residentApp');
    for (const [visitorKind, visitedAt] of [['gridWorker', '2026-09-03T02:00:00.000Z'], ['partyMember', '2026-09-05T02:00:00.000Z'], ['gridWorker', '2026-08-31T15:00:00.000Z']]) {
      await as('worker').entity.create({ entity: 'visitLog', orgUnitId: GRID_W, data: { visitorKind, visitedAt, household: '独居老人王某' } });
    }
    clock.set('2026-09-07T01:00:00.000Z'); // Monday 7 Sep, 09:00 in Luoyang
  });
  afterAll(() => close());

  const window = { from: '2026-09-01', to: '2026-09-07' };
  const counts = (list: { key: string; count: number }[]) => Object.fromEntries(list.map((c) => [c.key, c.count]));

  it('counts a district by local days, channel, category, status and unit (hand-computed)', async () => {
    const f = await as('dispatcher').dashboard.figures(window);
    expect(f.unit.id).toBe('xg');
    expect(f.window.today).toBe('2026-09-07');
    expect(f.total.count).toBe(4); // C, A, B, E — D is 31 Aug local although C shares its UTC date
    expect(f.today.count).toBe(2); // B (00:01) and E; A at 23:59 the day before is not today
    expect(counts(f.byChannel)).toEqual({ residentApp: 2, gridReport: 1, hotline12345: 1 });
    expect(counts(f.byCategory)).toEqual({ 'safety.building': 3, 'utilities.water': 1 });
    expect(counts(f.byStatus)).toEqual({ closed: 1, rejected: 1, accepted: 1, reported: 1 });
    expect(f.completion).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5 });
    const byClock = Object.fromEntries(f.clocks.map((c) => [c.clock, c]));
    expect(byClock.respond).toMatchObject({ met: 2, late: 1, running: 1, averageMinutes: 22 }); // (10 + 6 + 50) / 3
    expect(byClock.respond.onTime.numerator / byClock.respond.onTime.denominator).toBeCloseTo(2 / 3);
    expect(byClock.onSite).toMatchObject({ met: 1, late: 0, running: 1, averageMinutes: 60 });
    expect(byClock.feedback).toMatchObject({ met: 2, running: 2, averageMinutes: 43 }); // (80 + 6) / 2
    expect(f.satisfaction).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.closures.count).toBe(2); // close (1 Sep local) and reject (7 Sep local)
    expect(f.reopen).toMatchObject({ numerator: 0, denominator: 2, rate: 0 });
    expect(f.trend.find((d) => d.day === '2026-09-01')).toMatchObject({ total: 1, completed: 1 });
    expect(f.trend.find((d) => d.day === '2026-09-06')).toMatchObject({ total: 1, completed: 1 });
    expect(f.trend.find((d) => d.day === '2026-09-07')).toMatchObject({ total: 2, completed: 0 });
    expect(f.trend).toHaveLength(7);
    const rank = Object.fromEntries(f.ranking.map((r) => [r.unitId, r]));
    expect(rank['xg-wcl']).toMatchObject({ total: 2, completed: 1, completionRate: 0.5, satisfactionRate: 1 });
    expect(rank['xg-hs']).toMatchObject({ total: 2, completed: 1, completionRate: 0.5 });
    expect(rank['xg-lb']).toMatchObject({ total: 0, score: null });
    expect(counts(f.visits!)).toEqual({ gridWorker: 1, partyMember: 1 }); // the 31 Aug (local) visit is outside
    // Hot spots: safety.building 3 in 7 days against 1 in the 28 before (expected 0.25, p ≈ 0.002).
    const hot = await as('dispatcher').dashboard.hotSpots(window);
    expect(hot.categories.map((h) => [h.key, h.observed, h.expected])).toEqual([['safety.building', 3, 0.25]]);
    expect(hot.places).toEqual([]); // two cases per grid: below the minimum count
    expect(await as('dispatcher').dashboard.count({ drill: hot.categories[0].drill })).toBe(3);
    // Map: open cases per grid (D and B in one grid, E in another) and as points.
    const map = await as('dispatcher').dashboard.map({});
    expect(Object.fromEntries(map.units.map((u) => [u.unitId, u.open]))).toEqual({ [GRID_W]: 2, [GRID_H]: 1 });
    expect(map.points.map((p) => p.title).sort()).toEqual(['事件B', '事件D', '事件E']);
    expect((await as('officer').dashboard.map({})).points.map((p) => p.title)).toEqual(['事件E']);
    const sctx = serviceContext(createContextInner({ runtime, lang: 'en', principal: users.dispatcher }));
    for (const v of f.visits!) expect(await runtime.entities.count(sctx, 'visitLog', { filter: v.drill.filter, orgUnit: v.drill.orgUnit })).toBe(v.count);
  });

  it('gives a subdistrict officer only their subtree, and refuses wider scopes', async () => {
    const f = await as('officer').dashboard.figures(window);
    expect(f.unit.id).toBe('xg-hs');
    expect(f.total.count).toBe(2); // A and E
    expect(f.today.count).toBe(1); // E
    expect(counts(f.byStatus)).toEqual({ rejected: 1, reported: 1 });
    expect(f.satisfaction.denominator).toBe(0);
    expect(f.visits).toEqual([]); // the visits were in another subdistrict
    // The dispatcher looking at the same subdistrict sees the same figures.
    const same = await as('dispatcher').dashboard.figures({ ...window, unit: 'xg-hs' });
    expect([same.total.count, same.today.count, same.completion.numerator]).toEqual([2, 1, 1]);
    const denied = await expectError(as('officer').dashboard.figures({ ...window, unit: 'xg' }), Error);
    expect((denied as { code?: string }).code).toBe('FORBIDDEN');
    expect(denied.cause).toBeInstanceOf(ForbiddenError);
    // A department's rules (assigned cases) cannot be answered from counters: refused, not leaked.
    const dept = await expectError(as('handler').dashboard.figures(window), Error);
    expect((dept as { code?: string }).code).toBe('FORBIDDEN');
    // A grid worker (myUnit) sees their grid.
    const grid = await as('worker').dashboard.figures(window);
    expect([grid.unit.id, grid.total.count]).toEqual([GRID_W, 2]);
  });

  it('refuses absurd windows with the field named', async () => {
    for (const [input, path] of [
      [{ from: '2026-02-30' }, '/from'],
      [{ from: '2026-09-07', to: '2026-09-01' }, '/to'],
      [{ from: '2020-01-01', to: '2026-09-07' }, '/from'],
      [{ from: 'yesterday' }, '/from'],
    ] as const) {
      const e = await expectError(as('dispatcher').dashboard.figures(input), Error);
      expect((e.cause as ValidationError).issues[0].path).toBe(path);
    }
  });

  it('drills every figure down to exactly the cases it counts', async () => {
    const f = await as('dispatcher').dashboard.figures(window);
    const drills: [string, number, DrillDown][] = [
      ['total', f.total.count, f.total.drill],
      ['today', f.today.count, f.today.drill],
      ['completion', f.completion.numerator, f.completion.drill],
      ['satisfaction', f.satisfaction.numerator, f.satisfaction.drill],
      ['closures', f.closures.count, f.closures.drill],
      ['overdue', f.overdue.count, f.overdue.drill],
      ...[...f.byChannel, ...f.byCategory, ...f.byStatus, ...f.byUnit].map((c) => [c.key, c.count, c.drill] as [string, number, DrillDown]),
      ...f.trend.map((d) => [d.day, d.total, d.drill] as [string, number, DrillDown]),
      ...f.clocks.map((c) => [`${c.clock} met`, c.met, c.onTime.drill] as [string, number, DrillDown]),
    ];
    for (const [name, count, drill] of drills) {
      const rows = await as('dispatcher').dashboard.cases({ drill, limit: 200 });
      expect([name, rows.items.length]).toEqual([name, count]);
      expect([name, await as('dispatcher').dashboard.count({ drill })]).toEqual([name, count]);
    }
    // The plain figures' drill-downs are the case list's own filter.
    const list = await as('dispatcher').entity.list({ entity: E, filter: f.today.drill.filter as never, orgUnit: f.today.drill.orgUnit });
    expect(list.items.map((r) => r.data.title).sort()).toEqual(['事件B', '事件E']);
  });

  it('counts overdue and supervised cases live, after the scheduler breaches clocks', async () => {
    clock.set('2026-09-07T03:00:00.000Z');
    await runtime.scheduler.runDue(); // E's respond clock is 90 min past due; supervision follows
    clock.set('2026-09-07T04:30:00.000Z');
    await runtime.scheduler.runDue();
    const f = await as('dispatcher').dashboard.figures(window);
    expect(f.overdue.count).toBeGreaterThanOrEqual(1);
    expect(f.supervised.count).toBeGreaterThanOrEqual(1);
    for (const fig of [f.overdue, f.supervised]) {
      const sctx = serviceContext(createContextInner({ runtime, lang: 'en', principal: users.dispatcher }));
      expect((await runtime.entities.list(sctx, E, { ...drillQuery(fig.drill), limit: 200 })).items.length).toBe(fig.count);
    }
    expect(await rollupDrift(runtime.db, runtime.dialect, runtime.registry, 'Asia/Shanghai')).toEqual([]);
  });

  it('keeps the roll-ups exact under concurrent creates and transitions', async () => {
    clock.set('2026-09-07T05:00:00.000Z');
    const sys = systemContext('en');
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        runtime.entities.create(sys, E, { orgUnitId: i % 2 ? GRID_W : GRID_H, data: { title: `并发${i}`, category: 'safety.building', channel: 'residentApp', reportedAt: clock.now().toISOString() } }),
      ),
    );
    const w = serviceContext(createContextInner({ runtime, lang: 'en', principal: users.dispatcher }));
    await Promise.all([
      ...created.map((c) => runtime.workflow.fire(w, E, c.id, 'accept').catch(() => undefined)),
      ...created.slice(0, 10).map((c) => runtime.workflow.fire(w, E, c.id, 'reject', { form: { reason: '并发测试' } }).catch(() => undefined)),
      ...Array.from({ length: 20 }, (_, i) =>
        runtime.entities.create(sys, E, { orgUnitId: GRID_W, data: { title: `并发b${i}`, category: 'utilities.water', channel: 'gridReport', reportedAt: clock.now().toISOString() } }),
      ),
    ]);
    const last = created[29];
    const current = await runtime.entities.get(sys, E, last.id);
    await runtime.entities.update(sys, E, last.id, { version: current.version, data: { category: 'utilities.water' } });
    await runtime.entities.delete(sys, E, created[28].id, (await runtime.entities.get(sys, E, created[28].id)).version);
    expect(await rollupDrift(runtime.db, runtime.dialect, runtime.registry, 'Asia/Shanghai')).toEqual([]);
    const f = await as('dispatcher').dashboard.figures(window);
    expect(f.total.count).toBe(4 + 30 + 20 - 1);
    // The drift check itself notices a counter that moved behind the triggers' back.
    await runtime.db.updateTable('case_rollup').set((eb) => ({ n: eb('n', '+', 1) })).where('status', '=', 'rejected').execute();
    expect((await rollupDrift(runtime.db, runtime.dialect, runtime.registry, 'Asia/Shanghai')).length).toBeGreaterThan(0);
    await runtime.db.updateTable('case_rollup').set((eb) => ({ n: eb('n', '-', 1) })).where('status', '=', 'rejected').execute();
    expect(await as('dispatcher').dashboard.count({ drill: f.total.drill })).toBe(f.total.count);
  });
});
