import { afterAll, beforeAll, inject } from 'vitest';
import type { DialectName } from '../core/db';
import { createTestDatabase } from './test-database';
import { ensureWebBuild, startWebServer, type WebServer } from './web-app';

export interface DemoServerSpec {
  dialect: DialectName;
  /** Xigong unless named. */
  district?: string;
  timeoutMs?: number;
}

/**
 * The demo servers of one browser test file, each on a fresh database, started one after another
 * in the order given, each as soon as the one before is up. Starting one (migrate, seed, load Next)
 * keeps a core busy, while a journey mostly waits on the browser: so the next server starts beside
 * the journey of the one before, not after it. Call at the top of the file; `take(dialect, district)`
 * gives that server (`stop()` it when done with it: that drops its database too); whatever is left
 * stops with the file.
 */
export function demoServers(specs: DemoServerSpec[]): { take(dialect: DialectName, district?: string): Promise<WebServer> } {
  const started: Promise<WebServer>[] = [];
  beforeAll(async () => {
    const distDir = await ensureWebBuild(inject('runId'));
    let previous: Promise<unknown> = Promise.resolve();
    for (const spec of specs) {
      const next = previous.catch(() => undefined).then(() => startDemoServer(distDir, spec));
      // take() reports a failure; this only keeps a server no describe reached from an unhandled rejection.
      next.catch(() => undefined);
      started.push(next);
      previous = next;
    }
  }, 1_300_000);
  afterAll(async () => {
    await Promise.all(started.map((server) => server.then((s) => s.stop(), () => undefined)));
  });
  return {
    take(dialect, district) {
      const index = specs.findIndex((s) => s.dialect === dialect && s.district === district);
      return started[index] ?? Promise.reject(new Error(`no demo server was asked for ${dialect}${district ? ` ${district}` : ''}`));
    },
  };
}

async function startDemoServer(distDir: string, spec: DemoServerSpec): Promise<WebServer> {
  const database = await createTestDatabase(spec.dialect);
  let server: WebServer;
  try {
    server = await startWebServer({ distDir, databaseUrl: database.url, district: spec.district, timeoutMs: spec.timeoutMs });
  } catch (e) {
    await database.drop();
    throw e;
  }
  let stopping: Promise<void> | undefined;
  return { ...server, stop: () => (stopping ??= server.stop().then(() => database.drop())) };
}
