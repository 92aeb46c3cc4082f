import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Runtime } from '../runtime';
import { expectError } from '../../test/expect-error';
import { createTestRuntime, dialects } from '../../test/test-database';
import type { ServiceContext } from './service-context';

const ctx: ServiceContext = { lang: 'en', actor: { id: 'u-test' } };
const E = 'incidentCase';

function incident(i: number, extra: Record<string, unknown> = {}) {
  return {
    title: `墙面装饰檐脱落 ${i}`,
    description: `第${i}号楼 巷口`,
    category: i % 3 === 0 ? 'safety.building' : i % 3 === 1 ? 'utilities.water' : 'urban.environment',
    channel: 'gridReport',
    reportedAt: new Date(Date.UTC(2026, 8, 5, 8, 0, i)).toISOString(),
    ...extra,
  };
}


describe.each(dialects())('entity service on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  const grid = 'xg-wcl-c01-g04'; // 军民巷社区第四网格
  const otherGrid = 'xg-hs-c01-g01'; // 红山社区第一网格, another subdistrict

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
  });
  afterAll(() => close());

  const count = () => runtime.entities.count(ctx, E);

  it('creates a record with system fields, defaults and the workflow initial state', async () => {
    const r = await runtime.entities.create(ctx, E, { orgUnitId: grid, data: incident(1) });
    expect(r).toMatchObject({ entity: E, orgUnitId: grid, status: 'reported', version: 1, schemaVersion: 1, createdBy: 'u-test' });
    expect(r.data.urgency).toBe('normal');
    expect(r.id).toMatch(/^[0-9A-Z]{26}$/);
    const again = await runtime.entities.get(ctx, E, r.id);
    expect(again).toEqual(r);
  });

  it('round-trips every storage type: text, number, JSON object and array', async () => {
    const data = incident(2, { location: { lng: 112.4271, lat: 34.6762 }, photos: ['f1', 'f2'], reporterPhone: '13800138000' });
    const r = await runtime.entities.create(ctx, E, { orgUnitId: grid, data });
    expect((await runtime.entities.get(ctx, E, r.id)).data).toEqual({ ...data, urgency: 'normal' });
  });

  it('rejects invalid data with field-level issues and writes nothing', async () => {
    const before = await count();
    const error = await expectError(
      runtime.entities.create(ctx, E, { orgUnitId: grid, data: { title: 'x', category: 'safety', reporterPhone: '123', shoeSize: 42 } }),
      ValidationError,
    );
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain('/shoeSize');
    const schemaError = await expectError(
      runtime.entities.create(ctx, E, { orgUnitId: grid, data: { title: 'x', category: 'safety', reporterPhone: '123' } }),
      ValidationError,
    );
    const schemaPaths = schemaError.issues.map((i) => i.path);
    expect(schemaPaths).toEqual(expect.arrayContaining(['/title', '/reporterPhone', '/channel', '/reportedAt']));
    expect(schemaError.issues.find((i) => i.path === '/title')?.message).toMatch(/shorter than 2 characters/);
    expect(await count()).toBe(before);
  });

  it('createMany is all or nothing', async () => {
    const before = await count();
    const error = await expectError(
      runtime.entities.createMany(ctx, E, [
        { orgUnitId: grid, data: incident(3) },
        { orgUnitId: grid, data: { ...incident(4), urgency: 'apocalyptic' } },
        { orgUnitId: 'nowhere', data: incident(5) },
      ]),
      ValidationError,
    );
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/1/urgency', '/2/orgUnitId']));
    expect(await count()).toBe(before);
  });

  it('refuses an unknown entity and an oversized record', async () => {
    await expectError(runtime.entities.create(ctx, 'spaceship', { orgUnitId: grid, data: {} }), ValidationError);
    const huge = await expectError(
      runtime.entities.create(ctx, E, { orgUnitId: grid, data: incident(6, { description: 'x'.repeat(300_000) }) }),
      ValidationError,
    );
    expect(huge.issues[0].code).toBe('tooLarge');
  });

  it('updates with optimistic concurrency: a stale version is a conflict and changes nothing', async () => {
    const r = await runtime.entities.create(ctx, E, { orgUnitId: grid, data: incident(7) });
    const updated = await runtime.entities.update(ctx, E, r.id, { version: 1, data: { title: '已围挡 装饰檐', urgency: 'urgent' } });
    expect(updated.version).toBe(2);
    const conflict = await expectError(runtime.entities.update(ctx, E, r.id, { version: 1, data: { title: '覆盖别人的修改' } }), ConflictError);
    expect(conflict.message).toMatch(/current version 2, yours 1/);
    const stored = await runtime.entities.get(ctx, E, r.id);
    expect(stored.data.title).toBe('已围挡 装饰檐');
    expect(stored.version).toBe(2);
    // A null removes an optional value; removing a required one is a validation error.
    const cleared = await runtime.entities.update(ctx, E, r.id, { version: 2, data: { description: null } });
    expect(cleared.data.description).toBeUndefined();
    await expectError(runtime.entities.update(ctx, E, r.id, { version: 3, data: { title: null } }), ValidationError);
    expect((await runtime.entities.get(ctx, E, r.id)).version).toBe(3);
  });

  it('two concurrent updates of one version: exactly one wins', async () => {
    const r = await runtime.entities.create(ctx, E, { orgUnitId: grid, data: incident(8) });
    const results = await Promise.allSettled([
      runtime.entities.update(ctx, E, r.id, { version: 1, data: { title: '甲的修改' } }),
      runtime.entities.update(ctx, E, r.id, { version: 1, data: { title: '乙的修改' } }),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect((await runtime.entities.get(ctx, E, r.id)).version).toBe(2);
  });

  it('soft-deletes: the record disappears from every read but its row remains', async () => {
    const r = await runtime.entities.create(ctx, E, { orgUnitId: grid, data: incident(9) });
    await expectError(runtime.entities.delete(ctx, E, r.id, 5), ConflictError);
    await runtime.entities.delete(ctx, E, r.id, 1);
    await expectError(runtime.entities.get(ctx, E, r.id), NotFoundError);
    await expectError(runtime.entities.update(ctx, E, r.id, { version: 2, data: {} }), NotFoundError);
    const list = await runtime.entities.list(ctx, E, { limit: 200 });
    expect(list.items.map((i) => i.id)).not.toContain(r.id);
    const row = await runtime.db.selectFrom('ent_incidentCase').select(['deleted_at']).where('id', '=', r.id).executeTakeFirst();
    expect(row?.deleted_at).toBeTruthy();
  });

  describe('lists', () => {
    const ids: string[] = [];
    beforeAll(async () => {
      const created = await runtime.entities.createMany(
        ctx,
        E,
        Array.from({ length: 57 }, (_, i) => ({
          orgUnitId: i % 2 ? grid : otherGrid,
          // Every fifth has no urgency-independent optional field; urgency is indexed and defaulted.
          data: incident(100 + i, i % 4 === 0 ? { urgency: 'urgent' } : {}),
        })),
      );
      ids.push(...created.map((r) => r.id));
    });

    it('filters on indexed fields and sorts, paging with cursors through every row exactly once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof runtime.entities.list>> = await runtime.entities.list(ctx, E, {
          filter: { category: 'utilities.water' },
          sort: { field: 'reportedAt', dir: 'asc' },
          limit: 7,
          cursor,
        });
        for (let i = 1; i < page.items.length; i++) {
          expect(String(page.items[i].data.reportedAt) >= String(page.items[i - 1].data.reportedAt)).toBe(true);
        }
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      const expected = await runtime.entities.count(ctx, E, { filter: { category: 'utilities.water' } });
      expect(seen).toHaveLength(expected);
      expect(new Set(seen).size).toBe(expected);
      expect(pages).toBe(Math.ceil(expected / 7));
    });

    it('supports operators, search and an org subtree', async () => {
      const urgent = await runtime.entities.list(ctx, E, { filter: { urgency: { in: ['urgent', 'critical'] } }, limit: 200 });
      expect(urgent.items.length).toBeGreaterThanOrEqual(15);
      expect(urgent.items.every((r) => r.data.urgency !== 'normal')).toBe(true);
      const after = await runtime.entities.list(ctx, E, { filter: { reportedAt: { gte: '2026-09-05T08:01:50.000Z' } }, limit: 200 });
      expect(after.items.every((r) => String(r.data.reportedAt) >= '2026-09-05T08:01:50.000Z')).toBe(true);
      const search = await runtime.entities.list(ctx, E, { search: '脱落 12', limit: 200 });
      expect(search.items.map((r) => r.data.title).sort()).toEqual(Array.from({ length: 10 }, (_, k) => `墙面装饰檐脱落 12${k}`));
      expect(search.items.every((r) => String(r.data.title).includes('脱落 12'))).toBe(true);
      // '%' is a literal in search, not a wildcard.
      expect((await runtime.entities.list(ctx, E, { search: '%' })).items).toHaveLength(0);
      const community = runtime.org.get(grid)!.parentId!;
      const inCommunity = await runtime.entities.list(ctx, E, { orgUnit: community, limit: 200 });
      expect(inCommunity.items.length).toBeGreaterThan(0);
      expect(inCommunity.items.every((r) => runtime.org.get(r.orgUnitId)!.path.startsWith(runtime.org.get(community)!.path))).toBe(true);
      const counts = await runtime.entities.countBy(ctx, E, 'category');
      expect(counts.reduce((n, c) => n + c.count, 0)).toBe(await count());
    });

    it('pages through a nullable sort field without losing the NULL rows', async () => {
      // createdBy is NULL for records written without an actor.
      await runtime.entities.createMany({ lang: 'en' }, E, [0, 1, 2].map((i) => ({ orgUnitId: grid, data: incident(300 + i) })));
      for (const dir of ['asc', 'desc'] as const) {
        const seen = new Set<string>();
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof runtime.entities.list>> = await runtime.entities.list(ctx, E, { sort: { field: 'createdBy', dir }, limit: 4, cursor });
          page.items.forEach((r) => seen.add(r.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen.size).toBe(await count());
      }
    });

    it('refuses filters and sorts on fields without an index, and bad cursors', async () => {
      const e = await expectError(runtime.entities.list(ctx, E, { filter: { description: 'x' } }), ValidationError);
      expect(e.issues[0]).toMatchObject({ path: '/description', code: 'notFilterable' });
      await expectError(runtime.entities.list(ctx, E, { sort: { field: 'reporterPhone' } }), ValidationError);
      await expectError(runtime.entities.list(ctx, E, { cursor: 'not-a-cursor' }), ValidationError);
      await expectError(runtime.entities.list(ctx, E, { orgUnit: 'atlantis' }), ValidationError);
    });
  });
});
