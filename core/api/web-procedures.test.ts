import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { createCaller } from './app-router';
import { createContextInner } from './context';

const E = 'incidentCase';
const HONGSHAN_GRID = 'xg-hs-c01-g01';
const INSIDE_HONGSHAN = { lng: 112.4064, lat: 34.691 };
const trpcError = (promise: Promise<unknown>) => expectError(promise, TRPCError);

/** Procedures the web app added: grids, units, entity description, case reports, clocks, filtered queues. */
describe.each(dialects())('web procedures on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  const as = {} as Record<'dispatcher' | 'gridWorker' | 'otherGridWorker' | 'handler' | 'resident' | 'nobody', ReturnType<typeof createCaller>>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    const caller = async (assignments: { role: string; unitId: string }[]) =>
      createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, assignments) }));
    as.dispatcher = await caller([{ role: 'dispatcher', unitId: 'xg-command' }]);
    as.gridWorker = await caller([{ role: 'gridWorker', unitId: HONGSHAN_GRID }]);
    as.otherGridWorker = await caller([{ role: 'gridWorker', unitId: 'xg-htl-c01-g01' }]);
    as.handler = await caller([{ role: 'departmentHandler', unitId: 'xg-dept-civil' }]);
    as.resident = await caller([{ role: 'resident', unitId: 'xg' }]);
    as.nobody = await caller([]);
  });
  afterAll(() => close());

  it('district.grids gives GeoJSON polygons, narrowed to a subtree on request', async () => {
    const all = await as.resident.district.grids({});
    expect(all.type).toBe('FeatureCollection');
    expect(all.features.length).toBe(176);
    const hongshan = await as.resident.district.grids({ under: 'xg-hs' });
    expect(hongshan.features.length).toBeGreaterThan(0);
    expect(hongshan.features.length).toBeLessThan(all.features.length);
    expect(hongshan.features.every((f) => f.id.startsWith('xg-hs-'))).toBe(true);
    expect(hongshan.features[0].geometry.type).toMatch(/Polygon/);
  });

  it('district.units lists departments for staff and refuses residents', async () => {
    const departments = await as.dispatcher.district.units({ kinds: ['department'] });
    expect(departments.map((u) => u.id)).toContain('xg-dept-civil');
    expect(departments.every((u) => u.kind === 'department')).toBe(true);
    expect((await trpcError(as.resident.district.units({}))).code).toBe('FORBIDDEN');
  });

  it('entity.describe shows only the fields a role may read, and refuses a user with no rule', async () => {
    const full = await as.dispatcher.entity.describe({ entity: E });
    expect(full.readableFields).toContain('reporterPhone');
    expect(full.queryableFields).toEqual(expect.arrayContaining(['status', 'category', 'channel', 'reportedAt']));
    expect(full.queryableFields).not.toContain('title');
    expect(full.workflow?.states.find((s) => s.key === 'closed')?.final).toBe(true);
    expect((await as.handler.entity.describe({ entity: E })).readableFields).not.toContain('reporterPhone');
    const resident = await as.resident.entity.describe({ entity: E });
    expect(resident.readableFields).toContain('title');
    expect(resident.readableFields).not.toContain('reporterName');
    expect(resident.canCreate).toBe(true);
    expect(resident.canUpdate).toBe(false);
    expect((await trpcError(as.nobody.entity.describe({ entity: E }))).code).toBe('FORBIDDEN');
    expect((await trpcError(as.dispatcher.entity.describe({ entity: 'ufo' }))).code).toBe('BAD_REQUEST');
  });

  it('case.report places a resident report on the grid of its location, with channel and time from the server', async () => {
    const before = runtime.now().getTime();
    const report = await as.resident.case.report({ entity: E, data: { title: '楼道灯坏了', category: 'urban.environment', location: INSIDE_HONGSHAN } });
    expect(report.orgUnitId).toBe(HONGSHAN_GRID);
    expect(report.data.channel).toBe('residentApp');
    // The page's pin is on the district's own map: no GCJ-02 shift although residentApp declares it.
    expect(report.data.location).toEqual(INSIDE_HONGSHAN);
    expect((await as.dispatcher.case.routing({ entity: E, id: report.id }))?.method).toBe('polygon');
    expect(new Date(String(report.data.reportedAt)).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(report.status).toBe('reported');
    // The grid's own worker sees it in their queue; another grid's worker cannot open it.
    const mine = await as.gridWorker.case.queue({ entity: E, kind: 'mine' });
    expect(mine.items.map((r) => r.id)).toContain(report.id);
    expect((await trpcError(as.otherGridWorker.entity.get({ entity: E, id: report.id }))).code).toBe('FORBIDDEN');
  });

  it('case.report from a grid worker without a location stays in their grid, on the staff channel', async () => {
    const report = await as.gridWorker.case.report({ entity: E, data: { title: '井盖缺失', category: 'urban.environment' } });
    expect(report.orgUnitId).toBe(HONGSHAN_GRID);
    expect(report.data.channel).toBe('gridReport');
  });

  it('case.report refuses bad data and external channels, naming the field, and writes nothing', async () => {
    const count = async () => (await as.dispatcher.entity.list({ entity: E, limit: 200 })).items.length;
    const before = await count();
    const missing = await trpcError(as.resident.case.report({ entity: E, data: { title: 'x' } }));
    expect(missing.code).toBe('BAD_REQUEST');
    const issues = (missing.cause as unknown as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['/title', '/category']));
    const external = await trpcError(as.resident.case.report({ entity: E, data: { title: '路灯不亮', category: 'urban.environment' }, channel: 'hotline12345' }));
    expect(external.code).toBe('BAD_REQUEST');
    expect((external.cause as unknown as { issues: { path: string }[] }).issues[0].path).toBe('/channel');
    expect((await trpcError(as.resident.case.report({ entity: E, data: 'text' } as never))).code).toBe('BAD_REQUEST');
    expect(await count()).toBe(before);
  });

  it('case.clocks gives the open clocks of readable cases only, soonest first', async () => {
    const report = await as.gridWorker.case.report({ entity: E, data: { title: '占道经营', category: 'urban.environment' } });
    const clocks = await as.gridWorker.case.clocks({ entity: E, ids: [report.id] });
    expect(clocks.map((c) => c.clock).sort()).toEqual(['feedback', 'respond']);
    expect(clocks[0].clock).toBe('respond');
    expect(clocks[0].remainingMinutes).toBeGreaterThan(0);
    expect(clocks.every((c) => c.recordId === report.id && !c.overdue)).toBe(true);
    expect(await as.otherGridWorker.case.clocks({ entity: E, ids: [report.id] })).toEqual([]);
  });

  it('case.queue takes filters on indexed fields and refuses unindexed ones', async () => {
    await as.gridWorker.case.report({ entity: E, data: { title: '老人助餐', category: 'services.elderCare' } });
    const elder = await as.dispatcher.case.queue({ entity: E, kind: 'open', filter: { category: 'services.elderCare' } });
    expect(elder.items.length).toBeGreaterThan(0);
    expect(elder.items.every((r) => r.data.category === 'services.elderCare')).toBe(true);
    const hongshan = await as.dispatcher.case.queue({ entity: E, kind: 'open', orgUnit: 'xg-htl' });
    expect(hongshan.items).toEqual([]);
    expect((await trpcError(as.dispatcher.case.queue({ entity: E, kind: 'open', filter: { title: 'x' } }))).code).toBe('BAD_REQUEST');
  });

  it('the server rejects an invalid transition form posted directly, naming the fields, and leaves the case as it was', async () => {
    const report = await as.gridWorker.case.report({ entity: E, data: { title: '墙面脱落', category: 'safety.building' } });
    await as.gridWorker.case.fire({ entity: E, id: report.id, transition: 'accept' });
    await as.dispatcher.case.fire({ entity: E, id: report.id, transition: 'dispatch', form: {} });
    const bad = await trpcError(as.gridWorker.case.fire({ entity: E, id: report.id, transition: 'arrive', form: { photos: [], location: { lng: 500 } } }));
    expect(bad.code).toBe('BAD_REQUEST');
    const paths = (bad.cause as unknown as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/form/photos']));
    expect(paths.some((p) => p.startsWith('/form/location'))).toBe(true);
    const extra = await trpcError(as.gridWorker.case.fire({ entity: E, id: report.id, transition: 'arrive', form: { photos: ['f1'], location: INSIDE_HONGSHAN, secret: 1 } }));
    expect(extra.code).toBe('BAD_REQUEST');
    expect((await as.gridWorker.entity.get({ entity: E, id: report.id })).status).toBe('dispatched');
    const moved = await as.gridWorker.case.fire({ entity: E, id: report.id, transition: 'arrive', form: { photos: ['f1'], location: INSIDE_HONGSHAN } });
    expect(moved.status).toBe('onSite');
  });
});
