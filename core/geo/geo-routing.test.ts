import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import type { UserProfile } from '../auth';
import { systemContext } from '../entities';
import { ValidationError } from '../errors';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { createTestRuntime, dialects } from '../../test/test-database';

const E = 'incidentCase';
// 红山社区第一网格 (WGS-84): lng 112.405153–112.407581, lat 34.688017–34.694026.
const GRID = 'xg-hs-c01-g01';
const CENTRE = { lng: 112.406367, lat: 34.691 };

describe.each(dialects())('geo routing on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  const users: Record<string, UserProfile> = {};
  const as = (name: string) => createCaller(createContextInner({ runtime, lang: 'en', principal: users[name] }));
  const report = (data: Record<string, unknown>, who = 'resident', orgUnitId?: string) =>
    as(who).entity.create({ entity: E, ...(orgUnitId ? { orgUnitId } : {}), data: { title: '楼道堆放杂物', category: 'safety.fireLane', channel: 'gridReport', reportedAt: '2026-09-07T01:00:00.000Z', ...data } });

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    users.resident = await createPrincipal(runtime, [{ role: 'resident', unitId: 'xg' }], 'resident');
    users.worker = await createPrincipal(runtime, [{ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' }], 'worker');
    users.dispatcher = await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }], 'dispatcher');
  });
  afterAll(() => close());

  it('routes a case with a location to the grid holding it, with the reason and a routed event', async () => {
    const created = await report({ location: CENTRE });
    expect(created.orgUnitId).toBe(GRID);
    const routing = await as('dispatcher').case.routing({ entity: E, id: created.id });
    expect(routing).toMatchObject({ method: 'polygon', unitId: GRID, gridId: GRID, distanceMetres: 0, departments: ['xg-dept-fire', 'xg-dept-urban'], source: { system: 'WGS84', ...CENTRE } });
    expect(routing!.reasonText).toBe(`the location lies inside grid ${GRID}`);
    const timeline = await as('dispatcher').case.timeline({ entity: E, id: created.id });
    const routed = timeline.events.find((e) => e.type === 'routed')!;
    expect(routed).toMatchObject({ unit_id: GRID, data: { method: 'polygon', gridId: GRID } });
    // The workflow started in the routed unit: it is the case's responsible unit.
    expect(await runtime.workflow.responsibleUnit(runtime.db, runtime.registry.get(E), created.id)).toBe(GRID);
  });

  it('converts a GCJ-02 point from the resident app before routing, and stores it converted', async () => {
    const [lng, lat] = gcoord.transform([CENTRE.lng, CENTRE.lat], gcoord.WGS84, gcoord.GCJ02) as number[];
    const created = await report({ channel: 'residentApp', location: { lng, lat } });
    expect(created.orgUnitId).toBe(GRID);
    const stored = created.data.location as { lng: number; lat: number };
    expect(Math.abs(stored.lng - CENTRE.lng)).toBeLessThan(1e-5);
    expect(Math.abs(stored.lat - CENTRE.lat)).toBeLessThan(1e-5);
    const routing = await as('dispatcher').case.routing({ entity: E, id: created.id });
    expect(routing!.source).toEqual({ system: 'GCJ02', lng, lat });
  });

  it('falls back to the nearest grid, then the address, then the command centre queue', async () => {
    const near = await report({ location: { lng: 112.404053, lat: 34.691 } });
    expect(near.orgUnitId).toBe(GRID);
    expect(await as('dispatcher').case.routing({ entity: E, id: near.id })).toMatchObject({ method: 'nearest', gridId: GRID });
    const byAddress = await report({ location: { lng: 112.383, lat: 34.691 }, address: '红山街道苗湾社区5号楼' });
    expect(byAddress.orgUnitId).toBe('xg-hs-c02');
    const manual = await report({ location: { lng: 112.383, lat: 34.691 }, address: '城外某处' });
    expect(manual.orgUnitId).toBe('xg-command');
    const routing = await as('dispatcher').case.routing({ entity: E, id: manual.id });
    expect(routing).toMatchObject({ method: 'manual', unitId: 'xg-command', gridId: null });
    expect(routing!.reasonText).toContain('manual assignment');
    const noWhere = await report({});
    expect(noWhere.orgUnitId).toBe('xg-command');
  });

  it('keeps a unit the caller named, recording the choice without a routed event', async () => {
    const created = await report({ location: CENTRE }, 'worker', 'xg-wcl-c01-g04');
    expect(created.orgUnitId).toBe('xg-wcl-c01-g04');
    expect(await as('dispatcher').case.routing({ entity: E, id: created.id })).toMatchObject({ method: 'explicit', unitId: 'xg-wcl-c01-g04', departments: ['xg-dept-fire', 'xg-dept-urban'] });
    const timeline = await as('dispatcher').case.timeline({ entity: E, id: created.id });
    expect(timeline.events.some((e) => e.type === 'routed')).toBe(false);
  });

  it('refuses coordinates out of range, naming the field, and writes nothing', async () => {
    const before = await runtime.entities.count(systemContext('en'), E);
    const error = await expectError(report({ location: { lng: 212.4, lat: 34.69 } }), Error);
    expect(error.message).toMatch(/validation failed/);
    const cause = (error as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(ValidationError);
    expect((cause as ValidationError).issues.map((i) => i.path)).toContain('/location/lng');
    await expectError(report({ location: { lng: 112.4 } }), Error);
    expect(await runtime.entities.count(systemContext('en'), E)).toBe(before);
    expect(Number((await runtime.db.selectFrom('case_routing').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('routes bulk creates too, with the grid index built once per runtime', async () => {
    const index = runtime.router.grids;
    expect(index.size).toBe(176);
    const [a, b] = await runtime.entities.createMany(systemContext('en'), E, [
      { data: { title: '批量一', category: 'urban.environment', channel: 'citizenVoice', reportedAt: '2026-09-07T01:00:00.000Z', location: CENTRE } },
      { data: { title: '批量二', category: 'urban.environment', channel: 'citizenVoice', reportedAt: '2026-09-07T01:00:00.000Z', address: '苗湾社区' } },
    ]);
    expect([a.orgUnitId, b.orgUnitId]).toEqual([GRID, 'xg-hs-c02']);
    expect(runtime.router.grids).toBe(index);
  });
});
