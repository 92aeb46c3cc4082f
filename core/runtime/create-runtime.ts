import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { appendAudit, type AuditEntryInput } from '../audit';
import { createAuth, UserService, type GridworkAuth } from '../auth';
import { checkDistrictFiles, loadDistrict, readDistrictFiles, type DistrictBundle } from '../config';
import { ConfigError } from '../errors';
import { t } from '../i18n';
import { adoptConfigFiles, ConfigStore, StudioService } from '../studio';
import { createDatabase, GroupCommit, migrateToLatest, type GridworkDialect } from '../db';
import { BroadcastService } from '../broadcast';
import { DashboardService, ensureRollups } from '../dashboard';
import { LiveFeed, PostgresEventBus, SqliteEventBus, type EventBus } from '../realtime';
import { EntityRegistry, EntityService, syncEntities } from '../entities';
import { CategoryClassifier } from '../classifier';
import { DuplicateDetector, MergeService } from '../duplicates';
import { CaseRouter, recordRouting, routeBeforeCreate } from '../geo';
import { JobScheduler } from '../jobs';
import { importOrgUnits, OrgDirectory } from '../org';
import { CLOCK_DUE, CLOCK_SUPERVISE, WorkflowEngine } from '../workflow';
import type { PluginDefinition } from '../plugin-sdk/define-plugin';
import { PluginHost } from '../plugin-sdk/plugin-host';
import { ChannelRegistry, IntakeService } from '../intake';
import { Open311Service } from '../open311';
import { Outbox, OUTBOX_DELIVER } from '../outbox';
import { DEFAULT_MAX_UPLOAD_BYTES, UploadService } from '../uploads';
import { sqliteFileFor, type RuntimeOptions } from './runtime-options';
import { readMeta, writeMeta } from './meta';

/** Everything a process serving one district holds: config, database, services. */
export interface Runtime {
  options: RuntimeOptions;
  bundle: DistrictBundle;
  db: Kysely<any>;
  dialect: GridworkDialect;
  location: string;
  org: OrgDirectory;
  registry: EntityRegistry;
  entities: EntityService;
  auth: GridworkAuth;
  users: UserService;
  workflow: WorkflowEngine;
  /** Geo routing: the district's grid index, built once here. */
  router: CaseRouter;
  /** Duplicate candidates, merge and split. */
  merges: MergeService;
  /** Category suggestion from a report's text. */
  classifier: CategoryClassifier;
  /** Command-centre figures from the roll-ups. */
  dashboard: DashboardService;
  /** Live events for connected screens (SSE); the bus starts with the first subscriber. */
  realtime: LiveFeed;
  /** 市级指令: broadcast instructions to every grid worker in a scope. */
  broadcasts: BroadcastService;
  /** Fires durable timers; started by the web server (never by one-shot CLI commands). */
  scheduler: JobScheduler;
  /** The installed plugins, which of them this district enables, and what they contribute. */
  plugins: PluginHost;
  /** Appends audit entries inside the given transaction (or its own). */
  audit: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;
  /** Channels cases arrive through (config + plugin sources) and the intake that receives them. */
  channels: ChannelRegistry;
  intake: IntakeService;
  /** Resumable uploads stored under DATA_DIR/uploads. */
  uploads: UploadService;
  /** Outbound legs, each with its own delivery state. */
  outbox: Outbox;
  /** Open311 GeoReport v2 over the cases. */
  open311: Open311Service;
  now: () => Date;
  /** Shares durable commits among concurrent transitions (single-writer databases only). */
  groupCommit?: GroupCommit;
  /** The admin studio: config versions, draft, publish, rollback, export/import. */
  studio: StudioService;
  /** Serves a new (validated) config with this same object; calls run one after another. */
  reconfigure(configured: DistrictBundle): Promise<void>;
  close(): Promise<void>;
}

export interface StartupReport {
  migrations: string[];
  entityVersions: { entity: string; version: number; changed: boolean }[];
  orgUnitsImported: number;
  /** The config version that runs, and whether the folder's files became a new version now. */
  configVersion?: { version: number; fromFiles: boolean };
}

/** What does not change when the config does: the database, sessions, the event bus. */
interface Foundation {
  options: RuntimeOptions;
  handle: ReturnType<typeof createDatabase>;
  installed: PluginDefinition<any>[];
  now: () => Date;
  audit: Runtime['audit'];
  auth: GridworkAuth;
  bus: EventBus;
  groupCommit?: GroupCommit;
}

/**
 * Validates the config (throws ConfigError with every issue), opens the database, migrates it,
 * records the config folder as a version when it changed, applies entity schema changes and the
 * org tree of the newest version. Nothing listens yet: the CLI and the web server decide that.
 */
export async function createRuntime(
  options: RuntimeOptions,
  extra: {
    now?: () => Date;
    onReport?: (r: StartupReport) => void;
    /** Installed plugins (plugins/index.ts): core never imports them, its callers pass them in. */
    plugins?: PluginDefinition<any>[];
  } = {},
): Promise<Runtime> {
  const installed = extra.plugins ?? [];
  const fromFiles = loadDistrict(options.configDir, options.lang, installed);
  const now = extra.now ?? (() => new Date());
  const handle = createDatabase({ databaseUrl: options.databaseUrl, sqliteFile: sqliteFileFor(options) });
  try {
    // Every installed plugin's migrations run whatever the config enables: the files' view will do.
    const boot = new PluginHost(installed, fromFiles);
    const { applied } = await migrateToLatest(handle.db, handle.dialect, boot.migrations());
    await boot.recordMigrations(handle.db, applied, now());
    const store = new ConfigStore(handle.db);
    const adopted = await adoptConfigFiles(store, handle.db, readDistrictFiles(options.configDir), now);
    // A studio publish newer than the last deploy runs instead of the folder's files.
    const configured = adopted.runsFiles ? fromFiles : bundleOfVersion(adopted.active.version, await store.files(adopted.active.manifest), options, fromFiles.district.id, installed);
    const audit = (db: Kysely<any>, entries: AuditEntryInput[]) => appendAudit(db, handle.dialect, entries, now());
    const auth = createAuth({
      db: handle.db,
      dialect: handle.dialect,
      secret: await authSecret(handle.db, now),
      baseURL: process.env.GRIDWORK_URL ?? `http://localhost:${options.port}`,
      lang: options.lang,
      now,
      audit,
    });
    const bus = handle.dialect.name === 'postgres' ? new PostgresEventBus(options.databaseUrl!) : new SqliteEventBus(handle.db);
    const foundation: Foundation = {
      options,
      handle,
      installed,
      now,
      audit,
      auth,
      bus,
      // Transitions are the hot write path: on a single-writer database concurrent ones share a commit.
      groupCommit: handle.dialect.singleWriter ? new GroupCommit(handle.db) : undefined,
    };
    const { parts, synced, orgUnitsImported } = await assemble(foundation, configured);
    extra.onReport?.({
      migrations: applied,
      entityVersions: synced.map((s) => ({ entity: s.entity, version: s.version, changed: !!s.plan })),
      orgUnitsImported,
      configVersion: { version: adopted.active.version, fromFiles: adopted.recorded },
    });
    const realtime = new LiveFeed(bus, handle.db, parts.registry);
    let reconfiguring: Promise<unknown> = Promise.resolve();
    const runtime: Runtime = {
      ...parts,
      options,
      db: handle.db,
      dialect: handle.dialect,
      location: handle.location,
      auth,
      realtime,
      audit,
      now,
      groupCommit: foundation.groupCommit,
      studio: undefined as unknown as StudioService,
      reconfigure: (bundle: DistrictBundle) => {
        const run = reconfiguring.catch(() => {}).then(() => reconfigureInPlace(runtime, foundation, bundle));
        reconfiguring = run;
        return run;
      },
      close: async () => {
        // A publish or a watched version being swapped in finishes first: it would restart the timers.
        runtime.studio.stopWatch();
        await runtime.studio.idle();
        await reconfiguring.catch(() => {});
        await runtime.scheduler.stop();
        await realtime.close();
        await handle.destroy();
      },
    };
    runtime.studio = new StudioService({ runtime, store, installed, activeVersion: adopted.active.version });
    parts.plugins.attach(runtime, parts.entities, parts.workflow);
    await parts.plugins.syncSchedules(handle.db);
    return runtime;
  } catch (e) {
    await handle.destroy();
    throw e;
  }
}

/** Validates a stored version's files as the runtime's config; a version that no longer passes stops start-up. */
function bundleOfVersion(version: number, files: Record<string, unknown>, options: RuntimeOptions, districtId: string, installed: PluginDefinition<any>[]): DistrictBundle {
  const { bundle, issues } = checkDistrictFiles(files, { dir: options.configDir, expectedId: districtId, lang: options.lang, plugins: installed });
  if (!bundle) throw new ConfigError(t(options.lang, 'studio.storedVersionInvalid', { version, count: issues.length }), issues);
  return bundle;
}

type ConfiguredParts = Pick<
  Runtime,
  | 'bundle'
  | 'org'
  | 'registry'
  | 'entities'
  | 'users'
  | 'workflow'
  | 'router'
  | 'merges'
  | 'classifier'
  | 'dashboard'
  | 'broadcasts'
  | 'scheduler'
  | 'plugins'
  | 'channels'
  | 'intake'
  | 'open311'
  | 'uploads'
  | 'outbox'
>;

/** Every service that depends on the config, built for one config on the foundation's database. */
async function assemble(f: Foundation, configured: DistrictBundle) {
  const { handle, now, audit, bus, options } = f;
  const plugins = new PluginHost(f.installed, configured);
  const bundle = plugins.extendBundle(configured);
  const synced = await syncEntities(handle.db, handle.dialect, [...bundle.entities, ...plugins.disabledEntities()], now);
  const orgUnitsImported = await syncOrgTree(handle.db, bundle, now);
  const registry = new EntityRegistry(bundle.entities, bundle.workflows);
  for (const s of synced) registry.setVersion(s.entity, s.version);
  // After the entity tables exist: the dashboard's counters follow every write from here on.
  await ensureRollups(handle.db, handle.dialect, registry, bundle.district.timeZone, now);
  const org = await new OrgDirectory(handle.db).load();
  const entities = new EntityService(handle.db, handle.dialect, registry, org, now, audit);
  const group = f.groupCommit;
  const workflow = new WorkflowEngine({ db: handle.db, bundle, org, entities, audit, now, commit: group && ((work) => group.run(work)) });
  entities.onCreate((trx, ctx, entity, records) => workflow.onCreated(trx, ctx, entity, records));
  const router = new CaseRouter(bundle, org);
  entities.beforeCreate(routeBeforeCreate(router));
  entities.afterCreate(recordRouting(now));
  const detector = new DuplicateDetector({ bundle, workflow, audit, now });
  entities.afterCreate((trx, ctx, entity, records) => detector.onCreated(trx, ctx, entity, records));
  const merges = new MergeService({ db: handle.db, entities, workflow, org, audit, now });
  workflow.onTransition(merges.outcomeHook());
  const channels = new ChannelRegistry(bundle);
  const outbox = new Outbox({ db: handle.db, channels, org, now, audit });
  workflow.onTransition((trx, _ctx, { entity, record }) => outbox.enqueueForState(trx, entity, record).then(() => undefined));
  const intake = new IntakeService({ db: handle.db, bundle, channels, entities, now });
  entities.afterCreate(intake.settleClaim());
  const scheduler = new JobScheduler({
    db: handle.db,
    dialect: handle.dialect,
    now,
    handlers: {
      [CLOCK_DUE]: (job, trx) => workflow.clockDue(job as never, trx),
      [CLOCK_SUPERVISE]: (job, trx) => workflow.clockSupervise(job as never, trx),
      ...plugins.jobHandlers(),
      [OUTBOX_DELIVER]: (job, trx) => outbox.deliver(job as never, trx),
    },
    batchHandlers: { [CLOCK_DUE]: (jobs, trx) => workflow.clockDueBatch(jobs as never, trx) },
    // Larger claims for storms of deadlines: fewer commits; a batch still holds locks only briefly.
    batchSize: 500,
  });
  const parts: ConfiguredParts = {
    bundle,
    org,
    registry,
    entities,
    users: new UserService(handle.db, f.auth, bundle, org, audit, now),
    workflow,
    router,
    merges,
    classifier: new CategoryClassifier({ db: handle.db, bundle, entities, now }),
    dashboard: new DashboardService({ db: handle.db, dialect: handle.dialect, bundle, org, registry, entities, now }),
    broadcasts: new BroadcastService({ db: handle.db, bundle, org, bus, audit, now }),
    scheduler,
    plugins,
    channels,
    intake,
    open311: new Open311Service({ db: handle.db, bundle, channels, intake, entities, registry, org, now }),
    uploads: new UploadService({
      db: handle.db,
      dir: path.join(/*turbopackIgnore: true*/ options.dataDir, 'uploads'),
      maxBytes: bundle.district.uploads?.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      entities,
      registry,
      now,
      timeZone: bundle.district.timeZone,
    }),
    outbox,
  };
  return { parts, synced, orgUnitsImported };
}

/**
 * Swaps every config-dependent service of a running runtime for ones built on the new config: the
 * same object (what getRuntime() returns, what a request's context holds) serves it from then on.
 * The database, sessions and live connections stay; the timer loop restarts on the new handlers.
 */
async function reconfigureInPlace(runtime: Runtime, f: Foundation, configured: DistrictBundle): Promise<void> {
  const interval = runtime.scheduler.pollInterval;
  await runtime.scheduler.stop();
  try {
    const { parts } = await assemble(f, configured);
    Object.assign(runtime, parts);
    runtime.realtime.setRegistry(parts.registry);
    parts.plugins.attach(runtime, parts.entities, parts.workflow);
    await parts.plugins.syncSchedules(f.handle.db);
  } finally {
    if (interval !== undefined) runtime.scheduler.start(interval);
  }
}

/** The org tree is config: re-imported when the config's units change, skipped otherwise. */
async function syncOrgTree(db: Kysely<any>, bundle: DistrictBundle, now: () => Date): Promise<number> {
  const hash = createHash('sha256').update(JSON.stringify(bundle.units)).digest('hex');
  if ((await readMeta(db, 'orgHash')) === hash) return 0;
  const count = await importOrgUnits(db, bundle.units, { now: now() });
  await writeMeta(db, 'orgHash', hash, now());
  await writeMeta(db, 'district', bundle.district.id, now());
  return count;
}

/**
 * The key that signs session cookies: GRIDWORK_SECRET when set (production, several instances),
 * otherwise one generated per database on first start and kept there, so sessions survive restarts.
 */
async function authSecret(db: Kysely<any>, now: () => Date): Promise<string> {
  if (process.env.GRIDWORK_SECRET) return process.env.GRIDWORK_SECRET;
  const stored = await readMeta(db, 'authSecret');
  if (stored) return stored;
  // Insert-if-absent, then read back: two instances starting together agree on one key.
  await db
    .insertInto('gridwork_meta')
    .values({ key: 'authSecret', value: randomBytes(32).toString('hex'), updated_at: now().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await readMeta(db, 'authSecret'))!;
}
