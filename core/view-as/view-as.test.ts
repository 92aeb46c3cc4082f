import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { loadPrincipal } from '../auth';
import { systemContext } from '../entities';
import { NotFoundError } from '../errors';
import type { Runtime } from '../runtime';
import { expectError } from '../../test/expect-error';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { viewAs } from './view-as';

const E = 'incidentCase';
const MY_GRID = 'xg-wcl-c01-g04';
const OTHER_GRID = 'xg-hs-c01-g01';
const PHONE = '13912345678';

describe.each(dialects())('view as user on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let worker: { id: string };
  let handler: { id: string };
  const mine: string[] = [];
  let other: string;
  let assigned: string;
  const admin = systemContext('en');

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    worker = await createPrincipal(runtime, [{ role: 'gridWorker', unitId: MY_GRID }], 'viewasworker');
    handler = await createPrincipal(runtime, [{ role: 'departmentHandler', unitId: 'xg-dept-housing' }], 'viewashandler');
    const dispatcher = createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }]) }));
    const data = (title: string) => ({ title, category: 'safety.building', channel: 'gridReport', reportedAt: '2026-09-05T01:00:00.000Z', reporterName: '申卫华', reporterPhone: PHONE });
    for (const title of ['井盖缺失', '路灯不亮']) mine.push((await dispatcher.entity.create({ entity: E, orgUnitId: MY_GRID, data: data(title) })).id);
    other = (await dispatcher.entity.create({ entity: E, orgUnitId: OTHER_GRID, data: data('别的网格的事') })).id;
    assigned = other;
    await runtime.db.insertInto('record_assignment').values({ entity: E, record_id: assigned, unit_id: 'xg-dept-housing', user_id: null, kind: 'handler', created_at: '2026-09-05T01:00:00.000Z' }).execute();
  });
  afterAll(() => close());

  it("a grid worker's view: his grid's cases only, through the real list", async () => {
    const view = await viewAs(runtime, admin, { userId: worker.id, entity: E });
    expect(view.user).toMatchObject({ id: worker.id, username: 'viewasworker' });
    expect(view.assignments).toEqual([{ role: 'gridWorker', roleLabel: 'Grid worker', unitId: MY_GRID, unitName: runtime.org.get(MY_GRID)!.name }]);

    const cases = view.subjects.find((s) => s.subject === 'Case')!;
    expect(cases.entity).toBe(E);
    expect(cases.scope).toBe('myUnit');
    expect(cases.actions).toEqual(expect.arrayContaining(['create', 'read', 'update', 'transition:accept']));
    expect(cases.actions).not.toContain('dispatch');
    expect(cases.grants.find((g) => g.actions.includes('read'))).toMatchObject({ scope: 'myUnit', unit: { id: MY_GRID } });
    expect(cases.fields).toBe('all');

    // The denial: the other grid's case is not in the sample, and the total counts his only.
    expect(view.sample!.total).toBe(2);
    expect(view.sample!.rows.map((r) => r.id).sort()).toEqual([...mine].sort());
    expect(view.sample!.rows.map((r) => r.id)).not.toContain(other);
    expect(view.sample!.rows.every((r) => r.orgUnitId === MY_GRID)).toBe(true);
    expect(view.sample!.rows.map((r) => r.title).sort()).toEqual(['井盖缺失', '路灯不亮']);
    // The same answer as the user's own list (not a re-implementation of it).
    const own = createCaller(createContextInner({ runtime, lang: 'en', principal: await loadPrincipal(runtime.db, worker.id) }));
    expect((await own.entity.list({ entity: E })).items.map((r) => r.id).sort()).toEqual([...mine].sort());
  });

  it("a department handler's view hides the reporter's personal data", async () => {
    const view = await viewAs(runtime, admin, { userId: handler.id, entity: E });
    const cases = view.subjects.find((s) => s.subject === 'Case')!;
    expect(cases.scope).toBe('myDepartment');
    expect(cases.fields).not.toBe('all');
    expect(cases.fields).toContain('title');
    expect(cases.fields).not.toContain('reporterName');
    expect(cases.fields).not.toContain('reporterPhone');
    expect(cases.grants.find((g) => g.inverted)).toMatchObject({ actions: ['read'], fields: ['reporterName', 'reporterPhone'] });

    expect(view.sample!.rows.map((r) => r.id)).toEqual([assigned]);
    const [row] = view.sample!.rows;
    expect(row.maskedFields.sort()).toEqual(['reporterName', 'reporterPhone']);
    expect(JSON.stringify(view.sample)).not.toContain(PHONE);
    expect(row.data.reporterPhone).toBe('*******5678');
  });

  it('a disabled user is shown as seeing nothing, as their requests would', async () => {
    const idle = await createPrincipal(runtime, [{ role: 'gridWorker', unitId: MY_GRID }], 'viewasidle');
    await runtime.users.setDisabled(admin, idle.id, true);
    const view = await viewAs(runtime, admin, { userId: idle.id, entity: E });
    expect(view.user.disabled).toBe(true);
    expect(view.assignments).toHaveLength(1);
    expect(view.subjects).toEqual([]);
    expect(view.sample).toMatchObject({ total: 0, rows: [] });
  });

  it('an unknown user is NOT_FOUND; an unknown entity is a validation error', async () => {
    await expectError(viewAs(runtime, admin, { userId: 'nobody' }), NotFoundError);
    await expect(viewAs(runtime, admin, { userId: worker.id, entity: 'noSuchThing' })).rejects.toThrow('unknown entity type "noSuchThing"');
  });
});
