import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrict } from '../config';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/test-database';
import { importOrgUnits } from './import-org-units';
import { OrgDirectory } from './org-directory';
import { subtreeBounds } from './org-path';

describe.each(dialects())('org tree on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  const bundle = loadDistrict('configs/zhongzhan');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    handle = createDatabase({ databaseUrl: database.url, sqliteFile: ':memory:' });
    await migrateToLatest(handle.db, handle.dialect);
  });
  afterAll(async () => {
    await handle.destroy();
    await database.drop();
  });

  it('imports idempotently with materialised paths', async () => {
    expect(await importOrgUnits(handle.db, bundle.units)).toBe(bundle.units.length);
    expect(await importOrgUnits(handle.db, bundle.units)).toBe(bundle.units.length);
    const { n } = await handle.db.selectFrom('org_unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(bundle.units.length);
  });

  it('a subtree query returns exactly the descendants found by walking parent links', async () => {
    const org = await new OrgDirectory(handle.db).load();
    const parentOf = new Map(bundle.units.map((u) => [u.id, u.parent]));
    const isUnder = (id: string, ancestor: string) => {
      for (let cur: string | undefined = id; cur; cur = parentOf.get(cur)) if (cur === ancestor) return true;
      return false;
    };
    const subdistricts = bundle.units.filter((u) => u.level === 'subdistrict' && u.kind === 'area');
    for (const sd of subdistricts) {
      const viaPath = (await org.subtree(sd.id)).map((u) => u.id).sort();
      const viaWalk = bundle.units.filter((u) => isUnder(u.id, sd.id)).map((u) => u.id).sort();
      expect(viaPath).toEqual(viaWalk);
    }
    // Sibling ids that share a prefix ("…-c1" and "…-c10") must not leak into each other's range.
    const [lower, upper] = subtreeBounds('/zz/a-c1/');
    expect('/zz/a-c10/'.localeCompare(lower) >= 0 && '/zz/a-c10/' < upper).toBe(false);
  });

  it('parents come before children and depths follow the tree', async () => {
    const org = await new OrgDirectory(handle.db).load();
    for (const unit of org.all()) {
      if (!unit.parentId) {
        expect(unit.depth).toBe(0);
        continue;
      }
      const parent = org.get(unit.parentId)!;
      expect(unit.depth).toBe(parent.depth + 1);
      expect(unit.path.startsWith(parent.path)).toBe(true);
    }
  });
});
