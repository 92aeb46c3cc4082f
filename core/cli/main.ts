#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkDistrict, formatIssues } from '../config';
import { parseLang, t } from '../i18n';
import type { Runtime, RuntimeOptions, StartupReport } from '../runtime';
import type { SeedScale } from '../seed';
import { repoRoot } from '../runtime/paths';
import { loadInstalledPlugins } from './installed-plugins';
import { progressReporter } from './progress';
import { runCommand } from './run-command';

/**
 * Runs `body` with the runtime of DISTRICT (validated, migrated, installed plugins) and closes it.
 * The runtime's modules load here, on first use: `serve`, which hands over to the web server at
 * once, and `--help` start without them (about 1.5 s each).
 */
async function withRuntime<T>(body: (runtime: Runtime, options: RuntimeOptions) => Promise<T>, overrides: Partial<RuntimeOptions> = {}, onReport?: (r: StartupReport) => void): Promise<T> {
  const { createRuntime, optionsFromEnv } = await import('../runtime');
  const options = optionsFromEnv(process.env, overrides);
  const runtime = await createRuntime(options, { plugins: await loadInstalledPlugins(), onReport });
  try {
    return await body(runtime, options);
  } finally {
    await runtime.close();
  }
}

const program = new Command('gridwork')
  .description('Gridwork grid-governance platform.\nEnvironment: DISTRICT (default xigong), PORT (3000), DATA_DIR (./data), DATABASE_URL (unset → SQLite in DATA_DIR).')
  .showHelpAfterError();

const config = program.command('config').description('Work with district configurations.');
config
  .command('check')
  .description('Validate a district config folder; prints every error as "file → JSON pointer → message".')
  .argument('<dir>', 'config folder, e.g. configs/xigong')
  .addOption(new Option('--lang <lang>', 'message language').choices(['zh-CN', 'en']).default('zh-CN'))
  .action((dir: string, opts: { lang: string }) =>
    runCommand(async () => {
      const lang = parseLang(opts.lang);
      const started = performance.now();
      const { bundle, issues } = checkDistrict(dir, lang, await loadInstalledPlugins());
      if (!bundle) {
        console.error(formatIssues(issues));
        console.error(t(lang, 'config.summary', { dir, count: issues.length }));
        return 1;
      }
      const grids = bundle.units.filter((u) => u.geometry).length;
      console.log(
        t(lang, 'config.ok', {
          dir,
          units: bundle.units.length,
          grids,
          entities: bundle.entities.length,
          workflows: bundle.workflows.length,
          ms: Math.round(performance.now() - started),
        }),
      );
    }),
  );

program
  .command('migrate')
  .description('Apply database migrations, entity schema changes and the config org tree for DISTRICT.')
  .action(() =>
    runCommand(async () => {
      const report = (r: StartupReport) => {
        console.log(`migrations applied: ${r.migrations.length ? r.migrations.join(', ') : 'none (up to date)'}`);
        for (const e of r.entityVersions) console.log(`entity ${e.entity}: version ${e.version}${e.changed ? ' (changed)' : ''}`);
        console.log(`org units imported: ${r.orgUnitsImported}`);
      };
      await withRuntime(async (runtime) => console.log(`database: ${runtime.location}`), {}, report);
    }),
  );

program
  .command('seed')
  .description('Load demo data for a district (idempotent and resumable).')
  .argument('<district>', 'district folder name under configs/, e.g. xigong')
  .addOption(new Option('--scale <scale>', 'demo: a few hundred cases; city: Zhengzhou-size data').choices(['demo', 'city']).default('demo'))
  .option('--cases <n>', 'number of incident cases (default: 600 for demo, 1,000,000 for city)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error('--cases takes a whole number');
    return n;
  })
  .action((district: string, opts: { scale: SeedScale; cases?: number }) =>
    runCommand(async () => {
      const { DEMO_PASSWORD, seedDemoAccounts, seedDistrict, SEED_CASES } = await import('../seed');
      await withRuntime(async (runtime) => {
        const total = opts.cases ?? SEED_CASES[opts.scale];
        const bar = progressReporter(`seed ${district}`, total);
        const result = await seedDistrict(runtime, { scale: opts.scale, cases: opts.cases, onProgress: (p) => bar.update(p.done) });
        bar.stop();
        console.log(`seed ${district}: ${result.created} cases created, ${result.total} in total; ${runtime.org.size} org units`);
        const accounts = await seedDemoAccounts(runtime);
        console.log(`demo accounts (password ${DEMO_PASSWORD}), ${accounts.created.length} new:`);
        for (const a of accounts.all) console.log(`  ${a.username.padEnd(24)} ${a.role.padEnd(22)} ${runtime.org.get(a.unitId)?.name ?? a.unitId}`);
      }, { district });
    }),
  );

const channel = program.command('channel').description('External intake channels.');
channel
  .command('key')
  .description('Create or rotate the API key of an external channel of DISTRICT (Open311 too: its api_key); prints it once. The old key stops working.')
  .argument('<channel>', 'channel key from district.json, e.g. hotline12345')
  .action((key: string) =>
    runCommand(async () => {
      const { runChannelKey } = await import('../intake');
      await withRuntime((runtime, options) => runChannelKey(runtime, key, options.lang));
    }),
  );

const audit = program.command('audit').description('The append-only audit log.');
audit
  .command('verify')
  .description('Recompute the hash chain of the audit log of DISTRICT; names the first entry that was changed or removed.')
  .action(() =>
    runCommand(async () => {
      const { runAuditVerify } = await import('../audit');
      return withRuntime((runtime) => runAuditVerify(runtime.db));
    }),
  );

const studio = program.command('studio').description('The admin studio\'s stored config versions.');
studio
  .command('gc')
  .description('Delete config blobs of DISTRICT that no version and no draft file references and that were unused for the grace period; prints each one removed.')
  .option('--grace <minutes>', 'spare blobs used within this many minutes (default 10)', (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('a number of minutes, 0 or more');
    return n;
  })
  .action((opts: { grace?: number }) =>
    runCommand(async () => {
      const { runStudioGc } = await import('../studio');
      return withRuntime((runtime, options) => runStudioGc(runtime, { graceMinutes: opts.grace, lang: options.lang }));
    }),
  );

const plugin = program.command('plugin').description('Plugins: scaffold a new one, regenerate the registry (plugins/index.ts).');
plugin
  .command('new')
  .description('Create plugins/<name> with a working definition, a route, a router and a passing test; registers it.')
  .argument('<name>', 'kebab-case plugin name, e.g. noise-watch')
  .action((name: string) =>
    runCommand(async () => {
      const { scaffoldPlugin } = await import('./plugin-scaffold');
      for (const file of scaffoldPlugin(repoRoot(), name)) console.log(`created ${file}`);
      console.log(`registered in plugins/index.ts; enable it in a district: "plugins": { "${name}": { "enabled": true } }`);
      console.log(`test it: DIALECTS=sqlite npx vitest run plugins/${name}`);
    }),
  );
plugin
  .command('index')
  .description('Regenerate plugins/index.ts from the plugin folders.')
  .action(() =>
    runCommand(async () => {
      const { writePluginRegistry } = await import('./plugin-scaffold');
      console.log(`plugins/index.ts: ${writePluginRegistry(repoRoot()).join(', ') || '(none)'}`);
    }),
  );

const classifier = program.command('classifier').description('Category suggestion from report text.');
classifier
  .command('train')
  .description("Retrain category suggestion on DISTRICT's closed cases; prints accuracy on a held-out 20 % split.")
  .option('--entity <name>', 'entity whose records are classified', 'incidentCase')
  .option('--synthetic <n>', 'train on n generated reports instead of closed cases (demo databases)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 20 || n > 1_000_000) throw new InvalidArgumentError('a whole number from 20 to 1,000,000');
    return n;
  })
  .action((opts: { entity: string; synthetic?: number }) =>
    runCommand(async () => {
      const { runClassifierTrain } = await import('../classifier');
      return withRuntime((runtime) => runClassifierTrain(runtime, opts));
    }),
  );

program
  .command('serve')
  .description('Start the web app on PORT (builds it first when no build exists).')
  .option('--demo', 'seed the demo data first when the database has none')
  .option('--rebuild', 'build the web app even if a build exists')
  .action((opts: { demo?: boolean; rebuild?: boolean }) =>
    runCommand(async () => {
      const root = repoRoot();
      if (opts.rebuild || !existsSync(path.join(root, 'web', process.env.GRIDWORK_NEXT_DIST || '.next', 'BUILD_ID'))) {
        // Validate and migrate before the slow build: a bad config stops here with its error list.
        await withRuntime(async () => {});
        console.log('building the web app (first start only)…');
        const code = await run(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build', 'web']);
        if (code !== 0) return code;
      }
      // The web server is its own process (core never imports the web layer). It validates the
      // config, migrates and loads the demo itself: one start-up, not one here and one there.
      return run(process.execPath, ['--import', 'tsx', path.join(root, 'web', 'server.ts')], opts.demo ? { GRIDWORK_SEED_DEMO: '1' } : {});
    }),
  );

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    // Next.js would otherwise report anonymous telemetry over the network: nothing leaves the machine.
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, cwd: repoRoot() });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

await program.parseAsync(process.argv);
