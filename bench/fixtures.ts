import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRuntime, optionsFromEnv, type Runtime } from '../core/runtime';

/** A runtime on a fresh SQLite file (WAL, as in production) in a temp folder, removed on close. */
export async function benchRuntime(district = 'xigong'): Promise<{ runtime: Runtime; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-bench-'));
  const runtime = await createRuntime(
    optionsFromEnv({} as NodeJS.ProcessEnv, { district, dataDir: dir, databaseUrl: undefined, lang: 'en' }),
  );
  return {
    runtime,
    async close() {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
