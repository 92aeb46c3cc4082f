import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { postgresReachable, PG_ADMIN_URL, selectedDialects } from './dialects';
import { TEST_DIST } from './web-app';

const ROOT = path.resolve(import.meta.dirname, '..');

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
  // One id for every project of this run (each runs this setup): it names the shared web build.
  const runId = (process.env.GRIDWORK_TEST_RUN_ID ??= `${process.pid}-${Date.now()}`);
  project.provide('runId', runId);
  // The browser project runs after the unit tests; start its build now so they overlap.
  if (project.name === 'browser' && !process.env.E2E_REUSE_BUILD) return buildInBackground(runId);
}

function buildInBackground(runId: string): () => void {
  const log = openSync(path.join(ROOT, 'web', `${TEST_DIST}.log`), 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'build-web-app.ts'), runId], { cwd: ROOT, stdio: ['ignore', log, log], detached: true });
  // A run stopped early stops the build too (next build is a grandchild: kill the process group).
  return () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
  };
}
