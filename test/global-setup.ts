import type { TestProject } from 'vitest/node';
import { postgresReachable, PG_ADMIN_URL, selectedDialects } from './dialects';

declare module 'vitest' {
  export interface ProvidedContext {
    dialects: string[];
    /** Tells this run's shared web build from one left by an earlier run. */
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  let dialects = selectedDialects();
  if (dialects.includes('postgres') && !(await postgresReachable())) {
    if (process.env.CI === 'true' || process.env.CI === '1') {
      throw new Error(`PostgreSQL is unreachable at ${PG_ADMIN_URL}: under CI it is required (set DIALECTS=sqlite to run without it locally)`);
    }
    console.warn(`\n⚠ PostgreSQL unreachable at ${PG_ADMIN_URL}: running the SQLite half only. CI would fail here.\n`);
    dialects = dialects.filter((d) => d !== 'postgres');
  }
  project.provide('dialects', dialects);
  project.provide('runId', `${process.pid}-${Date.now()}`);
}
