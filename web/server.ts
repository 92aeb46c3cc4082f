/**
 * The production web server: validates the config, migrates, then serves the Next.js app from
 * web/ with the runtime shared through globalThis (route handlers are bundled separately).
 * Started by `npm run gridwork -- serve` (and `npm start`), which builds the app first if needed.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { formatIssues } from '../core/config';
import { isGridworkError } from '../core/errors';
import { createRuntime, optionsFromEnv, repoRoot, setRuntime } from '../core/runtime';
import { seedDemo } from '../core/seed';
import { installedPlugins } from '../plugins';

const options = optionsFromEnv();
let runtime;
try {
  runtime = await createRuntime(options, { plugins: installedPlugins });
} catch (e) {
  if (isGridworkError(e) && e.kind === 'config') {
    console.error(formatIssues(e.issues));
    console.error(e.message);
  } else {
    console.error(`start-up failed: ${(e as Error).message}`);
  }
  process.exit(1);
}
// `gridwork serve --demo`: the demo district's data and accounts, loaded before the first request.
if (process.env.GRIDWORK_SEED_DEMO === '1') for (const line of await seedDemo(runtime)) console.log(line);
setRuntime(runtime);

const app = next({ dev: false, dir: path.join(repoRoot(), 'web'), port: options.port, hostname: '0.0.0.0' });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => handle(req, res));
// Durable timers (SLA clocks, supervision) fire from here; with PostgreSQL every instance may
// run one: jobs are claimed with FOR UPDATE SKIP LOCKED.
runtime.scheduler.start(1000);
// A config another instance publishes (PostgreSQL runs several) is picked up by polling and served in place.
runtime.studio.watch(Number(process.env.GRIDWORK_CONFIG_POLL_MS ?? 5000));
server.listen(options.port, () => {
  console.log(`Gridwork ${runtime.bundle.district.id} (${runtime.dialect.name}: ${runtime.location}) on http://localhost:${options.port}`);
});

const shutdown = () => {
  server.close(() => void runtime.close().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
