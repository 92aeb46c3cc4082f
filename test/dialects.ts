import pg from 'pg';
import type { DialectName } from '../core/db';

/** Admin URL of the PostgreSQL server tests create their throw-away databases on. */
export const PG_ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Dialects the suite runs on: DIALECTS=sqlite,postgres (the default). Resolved once in global
 * setup: under CI=true an unreachable PostgreSQL fails the run; elsewhere it is skipped with a
 * warning so a laptop without PostgreSQL can still run the SQLite half.
 */
export function selectedDialects(): DialectName[] {
  const resolved = process.env.GRIDWORK_TEST_DIALECTS ?? process.env.DIALECTS ?? 'sqlite,postgres';
  return resolved
    .split(',')
    .map((d) => d.trim())
    .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
}

export async function postgresReachable(url = PG_ADMIN_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
