import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, migrateToLatest } from '../db';
import { ConfigError } from '../errors';
import { seedDistrict } from '../seed';
import { createTestRuntime, dialects } from '../../test/test-database';
import { createRuntime, optionsFromEnv } from './index';

describe('runtime start-up', () => {
  it('refuses an invalid config with every issue', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gw-rt-')), 'xigong');
    cpSync('configs/xigong', dir, { recursive: true });
    const file = path.join(dir, 'district.json');
    const d = JSON.parse(readFileSync(file, 'utf8'));
    d.categories[0].defaultDepartments = ['nobody'];
    writeFileSync(file, JSON.stringify(d));
    const options = optionsFromEnv({} as NodeJS.ProcessEnv, { district: 'xigong', configDir: dir, sqliteFile: ':memory:', lang: 'en' });
    await expect(createRuntime(options)).rejects.toThrow(ConfigError);
  });

  it('a failing migration fails start-up with its name', async () => {
    const handle = createDatabase({ sqliteFile: ':memory:' });
    await expect(
      migrateToLatest(handle.db, handle.dialect, {
        '2099-01-01-broken': { up: async (db) => void (await db.schema.alterTable('no_such_table').addColumn('x', 'text').execute()) },
      }),
    ).rejects.toThrow(/migration 2099-01-01-broken failed/);
    await handle.destroy();
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => createDatabase({ databaseUrl: 'mysql://root:secret@localhost/db' })).toThrow(/postgres:\/\/.*mysql:\/\/root:\*\*\*@/);
  });
});

describe.each(dialects())('seed on %s', (dialect) => {
  it('is idempotent and resumable', async () => {
    const { runtime, close } = await createTestRuntime(dialect, { district: 'huiji' });
    try {
      const first = await seedDistrict(runtime, { scale: 'demo', cases: 120, batchSize: 50 });
      expect(first).toEqual({ created: 120, total: 120 });
      const again = await seedDistrict(runtime, { scale: 'demo', cases: 120 });
      expect(again.created).toBe(0);
      const more = await seedDistrict(runtime, { scale: 'demo', cases: 150 });
      expect(more).toEqual({ created: 30, total: 150 });
      expect(await runtime.entities.count({ lang: 'en' }, 'incidentCase')).toBe(150);
      // Every seeded case passed the entity's own validation and sits in a grid.
      const page = await runtime.entities.list({ lang: 'en' }, 'incidentCase', { limit: 200 });
      expect(page.items.every((r) => ['grid', 'microGrid', 'dedicatedGrid'].includes(runtime.org.get(r.orgUnitId)!.kind))).toBe(true);
    } finally {
      await close();
    }
  });
});
