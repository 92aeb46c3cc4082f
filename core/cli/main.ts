#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkDistrict, formatIssues } from '../config';
import { parseLang, t } from '../i18n';
import { createRuntime, optionsFromEnv, repoRoot, sqliteFileFor } from '../runtime';
import { DEMO_PASSWORD, seedDemoAccounts, seedDistrict, SEED_CASES, type SeedScale } from '../seed';
import { runAuditVerify } from '../audit';
import { loadInstalledPlugins } from './installed-plugins';
import { scaffoldPlugin, writePluginRegistry } from './plugin-scaffold';
import { runClassifierTrain } from '../classifier';
import { runChannelKey } from '../intake';
import { runStudioGc } from '../studio';
import { progressReporter } from './progress';
import { runCommand } from './run-command';

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
      const options = optionsFromEnv();
      const runtime = await createRuntime(options, {
        plugins: await loadInstalledPlugins(),
        onReport: (r) => {
          console.log(`database: ${options.databaseUrl ? 'postgres' : sqliteFileFor(options)}`);
          console.log(`migrations applied: ${r.migrations.length ? r.migrations.join(', ') : 'none (up to date)'}`);
          for (const e of r.entityVersions) console.log(`entity ${e.entity}: version ${e.version}${e.changed ? ' (changed)' : ''}`);
          console.log(`org units imported: ${r.orgUnitsImported}`);
        },
      });
      await runtime.close();
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
      const runtime = await createRuntime(optionsFromEnv(process.env, { district }), { plugins: await loadInstalledPlugins() });
      try {
        const total = opts.cases ?? SEED_CASES[opts.scale];
        const bar = progressReporter(`seed ${district}`, total);
        const result = await seedDistrict(runtime, { scale: opts.scale, cases: opts.cases, onProgress: (p) => bar.update(p.done) });
        bar.stop();
        console.log(`seed ${district}: ${result.created} cases created, ${result.total} in total; ${runtime.org.size} org units`);
        const accounts = await seedDemoAccounts(runtime);
        console.log(`demo accounts (password ${DEMO_PASSWORD}), ${accounts.created.length} new:`);
        for (const a of accounts.all) console.log(`  ${a.username.padEnd(24)} ${a.role.padEnd(22)} ${runtime.org.get(a.unitId)?.name ?? a.unitId}`);
      } finally {
        await runtime.close();
      }
    }),
  );

const channel = program.command('channel').description('External intake channels.');
channel
  .command('key')
  .description('Create or rotate the API key of an external channel of DISTRICT (Open311 too: its api_key); prints it once. The old key stops working.')
  .argument('<channel>', 'channel key from district.json, e.g. hotline12345')
  .action((key: string) =>
    runCommand(async () => {
      const options = optionsFromEnv();
      const runtime = await createRuntime(options, { plugins: await loadInstalledPlugins() });
      try {
        await runChannelKey(runtime, key, options.lang);
      } finally {
        await runtime.close();
      }
    }),
  );

const audit = program.command('audit').description('The append-only audit log.');
audit
  .command('verify')
  .description('Recompute the hash chain of the audit log of DISTRICT; names the first entry that was changed or removed.')
  .action(() =>
    runCommand(async () => {
      const runtime = await createRuntime(optionsFromEnv(), { plugins: await loadInstalledPlugins() });
      try {
        return await runAuditVerify(runtime.db);
      } finally {
        await runtime.close();
      }
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
      const options = optionsFromEnv();
      const runtime = await createRuntime(options, { plugins: await loadInstalledPlugins() });
      try {
        return await runStudioGc(runtime, { graceMinutes: opts.grace, lang: options.lang });
      } finally {
        await runtime.close();
      }
    }),
  );

const plugin = program.command('plugin').description('Plugins: scaffold a new one, regenerate the registry (plugins/index.ts).');
plugin
  .command('new')
  .description('Create plugins/<name> with a working definition, a route, a router and a passing test; registers it.')
  .argument('<name>', 'kebab-case plugin name, e.g. noise-watch')
  .action((name: string) =>
    runCommand(async () => {
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
      const runtime = await createRuntime(optionsFromEnv(), { plugins: await loadInstalledPlugins() });
      try {
        return await runClassifierTrain(runtime, opts);
      } finally {
        await runtime.close();
      }
    }),
  );

program
  .command('serve')
  .description('Start the web app on PORT (builds it first when no build exists).')
  .option('--demo', 'seed the demo data first when the database has none')
  .option('--rebuild', 'build the web app even if a build exists')
  .action((opts: { demo?: boolean; rebuild?: boolean }) =>
    runCommand(async () => {
      const options = optionsFromEnv();
      // Validate and migrate before anything slow: a bad config stops here with its error list.
      const runtime = await createRuntime(options, { plugins: await loadInstalledPlugins() });
      try {
        if (opts.demo) {
          const result = await seedDistrict(runtime, { scale: 'demo' });
          if (result.created) console.log(`demo data: ${result.created} cases`);
          if (process.env.NODE_ENV === 'production') console.warn('NODE_ENV=production: demo accounts are not created');
          else {
            const accounts = await seedDemoAccounts(runtime);
            if (accounts.created.length) console.log(`demo accounts: ${accounts.created.map((a) => a.username).join(', ')} (password ${DEMO_PASSWORD})`);
          }
        }
      } finally {
        await runtime.close();
      }
      const root = repoRoot();
      if (opts.rebuild || !existsSync(path.join(root, 'web', process.env.GRIDWORK_NEXT_DIST || '.next', 'BUILD_ID'))) {
        console.log('building the web app (first start only)…');
        const code = await run(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build', 'web']);
        if (code !== 0) return code;
      }
      // The web server is its own process: core never imports the web layer.
      return run(process.execPath, ['--import', 'tsx', path.join(root, 'web', 'server.ts')]);
    }),
  );

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: process.env, cwd: repoRoot() });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

await program.parseAsync(process.argv);
