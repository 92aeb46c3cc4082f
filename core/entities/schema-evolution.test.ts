import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../config';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db';
import { importOrgUnits, OrgDirectory } from '../org';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/test-database';
import { EntityRegistry } from './entity-registry';
import { EntityService } from './entity-service';
import { syncEntities } from './sync-entities';

const ctx = { lang: 'en' as const, actor: { id: 'admin' } };

const v1: EntityDefinition = {
  name: 'visitLog',
  label: { 'zh-CN': '走访记录' },
  schema: {
    type: 'object',
    properties: {
      elderName: { type: 'string', title: '老人姓名' },
      visitedAt: { type: 'string', title: '走访时间', 'x-index': true },
      notes: { type: 'string', title: '情况' },
      answered: { type: 'boolean', title: '应答' },
    },
    required: ['elderName'],
  },
};

describe.each(dialects())('entity schema evolution on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let org: OrgDirectory;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    handle = createDatabase({ databaseUrl: database.url, sqliteFile: ':memory:' });
    await migrateToLatest(handle.db, handle.dialect);
    await importOrgUnits(handle.db, [
      { id: 'zz', name: '中站区', level: 'district', kind: 'area' },
      { id: 'zz-g1', name: '第一网格', level: 'grid', kind: 'grid', parent: 'zz' },
    ]);
    org = await new OrgDirectory(handle.db).load();
  });
  afterAll(async () => {
    await handle.destroy();
    await database.drop();
  });

  const serviceFor = async (def: EntityDefinition) => {
    const synced = await syncEntities(handle.db, handle.dialect, [def]);
    const registry = new EntityRegistry([def]);
    registry.setVersion(def.name, synced[0].version);
    return { service: new EntityService(handle.db, handle.dialect, registry, org), synced: synced[0] };
  };

  it('adds, renames and removes fields without losing a value, as recorded versions', async () => {
    const first = await serviceFor(v1);
    expect(first.synced.version).toBe(1);
    const a = await first.service.create(ctx, 'visitLog', { orgUnitId: 'zz-g1', data: { elderName: '王桂兰', visitedAt: '2026-03-01', notes: '身体良好', answered: true } });
    expect(a.data.answered).toBe(true);

    // v2: visitedAt → visitTime (rename), notes removed, mood added.
    const { visitedAt, notes: _n, ...rest } = v1.schema.properties;
    const v2: EntityDefinition = {
      ...v1,
      schema: { ...v1.schema, properties: { ...rest, visitTime: { ...visitedAt, 'x-renamedFrom': 'visitedAt' }, mood: { type: 'integer', title: '精神' } } },
    };
    const second = await serviceFor(v2);
    expect(second.synced.version).toBe(2);
    expect(second.synced.plan?.steps.map((s) => s.op)).toEqual(['dropIndex', 'renameColumn', 'addColumn', 'retireColumn', 'createIndex']);

    const old = await second.service.getWithRetired(ctx, 'visitLog', a.id);
    expect(old.data).toEqual({ elderName: '王桂兰', visitTime: '2026-03-01', answered: true });
    expect(old.schemaVersion).toBe(1);
    expect(old.retired).toEqual({ 'notes@v2': '身体良好' });
    // The renamed field is still indexed and filterable under its new name.
    const found = await second.service.list(ctx, 'visitLog', { filter: { visitTime: '2026-03-01' } });
    expect(found.items.map((r) => r.id)).toEqual([a.id]);

    const b = await second.service.create(ctx, 'visitLog', { orgUnitId: 'zz-g1', data: { elderName: '李建军', mood: 3 } });
    expect(b.schemaVersion).toBe(2);

    // Syncing the same definition again is a no-op.
    const again = await syncEntities(handle.db, handle.dialect, [v2]);
    expect(again[0]).toEqual({ entity: 'visitLog', version: 2 });
    const versions = await handle.db.selectFrom('entity_version').select(['version', 'plan']).where('entity', '=', 'visitLog').orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.parse(versions[1].plan).fromVersion).toBe(1);

    // v3 removes `answered`: an update through v3 must not resurrect or drop other values.
    const { answered: _a, ...rest3 } = v2.schema.properties;
    const third = await serviceFor({ ...v2, schema: { ...v2.schema, properties: rest3 } });
    const updated = await third.service.update(ctx, 'visitLog', a.id, { version: 1, data: { mood: 4 } });
    expect(updated.data).toEqual({ elderName: '王桂兰', visitTime: '2026-03-01', mood: 4 });
    expect((await third.service.getWithRetired(ctx, 'visitLog', a.id)).retired).toEqual({ 'notes@v2': '身体良好', 'answered@v3': 1 });
  });

  it('two processes syncing the same change at once apply it once', async () => {
    const v9 = { ...v1, name: 'bellRound', label: { 'zh-CN': '摇铃巡查' } };
    const results = await Promise.allSettled([
      syncEntities(handle.db, handle.dialect, [v9]),
      syncEntities(handle.db, handle.dialect, [v9]),
    ]);
    const applied = await handle.db.selectFrom('entity_version').select('version').where('entity', '=', 'bellRound').execute();
    expect(applied).toHaveLength(1);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });
});
