import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { systemContext } from '../entities';
import { polygonContains } from '../geo';
import type { Runtime } from '../runtime';
import { demoAccounts, RESIDENTS_PER_GRID, seedDistrict } from '../seed';

import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';

/**
 * The grid register (居民 residents and 场所 places): a grid worker keeps his own grid's, in SQL
 * for lists and by id for single records; the command centre sees residents without their
 * personal data.
 */
const MY_GRID = 'xg-hs-c01-g01';
const OTHER_GRID = 'xg-wcl-c01-g04';

async function trpcError(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe.each(dialects())('grid register (Xigong) on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  const as: Record<string, ReturnType<typeof createCaller>> = {};

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    await seedDistrict(runtime, { scale: 'demo', cases: 0 });
    const caller = async (role: string, unitId: string) =>
      createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role, unitId }]) }));
    as.gridWorker = await caller('gridWorker', MY_GRID);
    as.otherGridWorker = await caller('gridWorker', OTHER_GRID);
    as.dispatcher = await caller('dispatcher', 'xg-command');
    as.community = await caller('communitySecretary', 'xg-hs-c01');
    as.handler = await caller('departmentHandler', 'xg-dept-housing');
  }, 120_000);
  afterAll(() => close());

  const pathOf = (unitId: string) => runtime.org.get(unitId)!.path;

  it('a grid worker lists only his own grid\'s residents and places (with its buildings)', async () => {
    const residents = await as.gridWorker.entity.list({ entity: 'resident', limit: 200 });
    expect(residents.items).toHaveLength(RESIDENTS_PER_GRID);
    for (const r of residents.items) expect(pathOf(r.orgUnitId).startsWith(pathOf(MY_GRID))).toBe(true);
    const other = await as.otherGridWorker.entity.list({ entity: 'resident', limit: 200 });
    expect(other.items.length).toBeGreaterThan(0);
    for (const r of other.items) expect(pathOf(r.orgUnitId).startsWith(pathOf(OTHER_GRID))).toBe(true);
    // The other grid has buildings: its residents live in them, still inside the worker's reach.
    expect(other.items.some((r) => runtime.org.get(r.orgUnitId)!.level === 'building')).toBe(true);
    expect(residents.items.map((r) => r.id)).not.toEqual(expect.arrayContaining([other.items[0].id]));
    const places = await as.gridWorker.entity.list({ entity: 'place', limit: 200 });
    expect(places.items.length).toBeGreaterThan(0);
    expect(places.items.every((p) => p.orgUnitId === MY_GRID)).toBe(true);
    // Everyone's, for comparison: the seed holds many grids.
    expect(await runtime.entities.count(systemContext('en'), 'resident')).toBeGreaterThan(RESIDENTS_PER_GRID * 10);
  });

  it('another grid\'s resident or place by id is denied, and so is writing there', async () => {
    const theirs = (await as.otherGridWorker.entity.list({ entity: 'resident', limit: 1 })).items[0];
    expect((await trpcError(as.gridWorker.entity.get({ entity: 'resident', id: theirs.id }))).code).toBe('FORBIDDEN');
    const place = (await as.otherGridWorker.entity.list({ entity: 'place', limit: 1 })).items[0];
    expect((await trpcError(as.gridWorker.entity.get({ entity: 'place', id: place.id }))).code).toBe('FORBIDDEN');
    const update = await trpcError(as.gridWorker.entity.update({ entity: 'resident', id: theirs.id, version: theirs.version, data: { note: '改' } }));
    expect(update.code).toBe('FORBIDDEN');
    const create = await trpcError(as.gridWorker.entity.create({ entity: 'resident', orgUnitId: OTHER_GRID, data: { name: '王敏', address: '别的网格' } }));
    expect(create.code).toBe('FORBIDDEN');
    expect((await as.otherGridWorker.entity.get({ entity: 'resident', id: theirs.id })).data.note).toBe(theirs.data.note);
    // A department handler has no register rights at all: an empty list, a refused record.
    expect((await as.handler.entity.list({ entity: 'resident' })).items).toEqual([]);
    expect((await trpcError(as.handler.entity.get({ entity: 'resident', id: theirs.id }))).code).toBe('FORBIDDEN');
  });

  it('a grid worker registers a resident in his grid; bad data names the field', async () => {
    const created = await as.gridWorker.entity.create({
      entity: 'resident',
      orgUnitId: MY_GRID,
      data: { name: '申卫华', idNumber: '410303194805120016', phone: '13912345678', address: '红山社区3号楼', tags: ['elderLivingAlone'] },
    });
    expect(created.data.tags).toEqual(['elderLivingAlone']);
    const bad = await trpcError(as.gridWorker.entity.create({ entity: 'resident', orgUnitId: MY_GRID, data: { name: '李静', address: '3号楼', idNumber: '12345', tags: ['rich'] } }));
    expect(bad.code).toBe('BAD_REQUEST');
    const paths = ((bad as unknown as { cause: { issues: { path: string }[] } }).cause.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/idNumber', '/tags/0']));
  });

  it('the command centre sees residents without names, ID numbers or phones; the community secretary sees them', async () => {
    const mine = (await as.gridWorker.entity.list({ entity: 'resident', limit: 200 })).items;
    const full = mine[0];
    expect(full.data.idNumber).toMatch(/^[0-9]{17}[0-9X]$/);
    const masked = await as.dispatcher.entity.get({ entity: 'resident', id: full.id });
    expect(masked.data.building).toBe(full.data.building);
    for (const field of ['name', 'idNumber', 'phone']) expect(masked.data[field]).not.toBe(full.data[field]);
    expect((masked as { maskedFields?: string[] }).maskedFields?.sort()).toEqual(['idNumber', 'name', 'phone']);
    const list = await as.dispatcher.entity.list({ entity: 'resident', limit: 200, orgUnit: full.orgUnitId });
    expect(list.items.length).toBeGreaterThan(0);
    const json = JSON.stringify(list);
    for (const r of mine) {
      expect(json).not.toContain(String(r.data.idNumber));
      expect(json).not.toContain(String(r.data.phone));
    }
    const secretary = await as.community.entity.get({ entity: 'resident', id: full.id });
    expect(secretary.data.idNumber).toBe(full.data.idNumber);
    expect(secretary).not.toHaveProperty('maskedFields');
  });
});

describe.each(dialects())('grid register (Zhongzhan micro-grids) on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { district: 'zhongzhan' }));
    await seedDistrict(runtime, { scale: 'demo', cases: 0 });
  }, 120_000);
  afterAll(() => close());

  it('a grid worker reaches his micro-grids\' residents; a micro-grid leader only his own micro-grid\'s', async () => {
    const micro = [...runtime.org.all()].find((u) => u.kind === 'microGrid')!;
    const grid = runtime.org.get(micro.parentId!)!;
    const sys = systemContext('en');
    await runtime.entities.create(sys, 'resident', { orgUnitId: micro.id, data: { name: '赵桂兰', address: `${micro.name}1号`, tags: ['elderLivingAlone'] } });
    await runtime.entities.create(sys, 'resident', { orgUnitId: grid.id, data: { name: '周磊', address: `${grid.name}2号` } });
    const caller = async (role: string, unitId: string) =>
      createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role, unitId }]) }));
    const worker = await caller('gridWorker', grid.id);
    const leader = await caller('microGridLeader', micro.id);
    const workerNames = (await worker.entity.list({ entity: 'resident', limit: 200 })).items.map((r) => r.data.name);
    expect(workerNames).toEqual(expect.arrayContaining(['赵桂兰', '周磊']));
    const leaderItems = (await leader.entity.list({ entity: 'resident', limit: 200 })).items;
    expect(leaderItems.map((r) => r.data.name)).toContain('赵桂兰');
    expect(leaderItems.every((r) => r.orgUnitId === micro.id)).toBe(true);
    const gridResident = (await worker.entity.list({ entity: 'resident', limit: 200 })).items.find((r) => r.data.name === '周磊')!;
    expect((await trpcError(leader.entity.get({ entity: 'resident', id: gridResident.id }))).code).toBe('FORBIDDEN');
  });
});

describe.each(dialects())('grid register (Huiji demo accounts) on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { district: 'huiji' }));
    await seedDistrict(runtime, { scale: 'demo', cases: 0 });
  }, 120_000);
  afterAll(() => close());

  it('the demo grid workers each find their own grid\'s seeded residents, and not each other\'s', async () => {
    const workers = demoAccounts(runtime.bundle, runtime.org).filter((a) => a.role === 'gridWorker');
    expect(workers).toHaveLength(2);
    const seen: string[][] = [];
    for (const account of workers) {
      const caller = createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: account.role, unitId: account.unitId }]) }));
      const items = (await caller.entity.list({ entity: 'resident', limit: 200 })).items;
      expect(items).toHaveLength(RESIDENTS_PER_GRID);
      expect(items.every((r) => r.orgUnitId === account.unitId)).toBe(true);
      const places = (await caller.entity.list({ entity: 'place', limit: 200 })).items;
      expect(places.length).toBeGreaterThan(0);
      // Seeded points lie inside the grid they belong to.
      const geometry = runtime.bundle.units.find((u) => u.id === account.unitId)!.geometry!;
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      for (const p of places) {
        const { lng, lat } = p.data.location as { lng: number; lat: number };
        expect(polygons.some((rings) => polygonContains(rings, lng, lat))).toBe(true);
      }
      seen.push(items.map((r) => r.id));
    }
    expect(seen[0].some((id) => seen[1].includes(id))).toBe(false);
  });
});
