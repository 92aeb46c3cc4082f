import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DialectName } from '../core/db';
import type { PluginDefinition } from '../core/plugin-sdk';
import { createRuntime, optionsFromEnv, type Runtime } from '../core/runtime';
import { PG_ADMIN_URL } from './dialects';

export interface TestDatabase {
  dialect: DialectName;
  /** Set for PostgreSQL: a database of its own, dropped by `drop()`. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: in-memory SQLite, or a new PostgreSQL database on the local server. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') return { dialect, drop: async () => {} };
  const name = `gw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A runtime for a district's config on a fresh database of the given dialect. */
export async function createTestRuntime(
  dialect: DialectName,
  options: { district?: string; configDir?: string; now?: () => Date; plugins?: PluginDefinition<any>[] } = {},
): Promise<{ runtime: Runtime; database: TestDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const district = options.district ?? 'xigong';
  let runtime: Runtime;
  try {
    runtime = await createRuntime(
      optionsFromEnv({} as NodeJS.ProcessEnv, {
        district,
        configDir: options.configDir ?? path.join('configs', district),
        databaseUrl: database.url,
        sqliteFile: ':memory:',
        lang: 'en',
      }),
      { now: options.now, plugins: options.plugins },
    );
  } catch (e) {
    // A runtime that failed to start leaves no throw-away database behind.
    await database.drop();
    throw e;
  }
  return {
    runtime,
    database,
    async close() {
      await runtime.close();
      await database.drop();
    },
  };
}

/** The dialects this run covers, for `describe.each`. */
export function dialects(): DialectName[] {
  return inject('dialects') as DialectName[];
}
