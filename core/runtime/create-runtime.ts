import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { appendAudit, type AuditEntryInput } from '../audit';
import { createAuth, UserService, type GridworkAuth } from '../auth';
import { loadDistrict, type DistrictBundle } from '../config';
import { createDatabase, GroupCommit, migrateToLatest, type GridworkDialect } from '../db';
import { BroadcastService } from '../broadcast';
import { DashboardService, ensureRollups } from '../dashboard';
import { LiveFeed, PostgresEventBus, SqliteEventBus } from '../realtime';
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
  close(): Promise<void>;
}

export interface StartupReport {
  migrations: string[];
  entityVersions: { entity: string; version: number; changed: boolean }[];
  orgUnitsImported: number;
}

/**
 * Validates the config (throws ConfigError with every issue), opens the database, migrates it,
 * applies entity schema changes and the config's org tree. Nothing listens yet: the CLI and the
 * web server decide that.
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
  const configured = loadDistrict(options.configDir, options.lang, extra.plugins ?? []);
  const plugins = new PluginHost(extra.plugins ?? [], configured);
  const bundle = plugins.extendBundle(configured);
  const now = extra.now ?? (() => new Date());
  const handle = createDatabase({ databaseUrl: options.databaseUrl, sqliteFile: sqliteFileFor(options) });
  try {
    const { applied } = await migrateToLatest(handle.db, handle.dialect, plugins.migrations());
    await plugins.recordMigrations(handle.db, applied, now());
    const synced = await syncEntities(handle.db, handle.dialect, [...bundle.entities, ...plugins.disabledEntities()], now);
    const orgUnitsImported = await syncOrgTree(handle.db, bundle, now);
    const registry = new EntityRegistry(bundle.entities, bundle.workflows);
    for (const s of synced) registry.setVersion(s.entity, s.version);
    // After the entity tables exist: the dashboard's counters follow every write from here on.
    await ensureRollups(handle.db, handle.dialect, registry, bundle.district.timeZone, now);
    const org = await new OrgDirectory(handle.db).load();
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
    extra.onReport?.({
      migrations: applied,
      entityVersions: synced.map((s) => ({ entity: s.entity, version: s.version, changed: !!s.plan })),
      orgUnitsImported,
    });
    const entities = new EntityService(handle.db, handle.dialect, registry, org, now, audit);
    // Transitions are the hot write path: on a single-writer database concurrent ones share a commit.
    const group = handle.dialect.singleWriter ? new GroupCommit(handle.db) : undefined;
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
    const outbox = new Outbox({ db: handle.db, channels, org, now });
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
    const bus = handle.dialect.name === 'postgres' ? new PostgresEventBus(options.databaseUrl!) : new SqliteEventBus(handle.db);
    const realtime = new LiveFeed(bus, handle.db, registry);
    const runtime: Runtime = {
      options,
      bundle,
      db: handle.db,
      dialect: handle.dialect,
      location: handle.location,
      org,
      registry,
      entities,
      auth,
      users: new UserService(handle.db, auth, bundle, org, audit, now),
      workflow,
      router,
      merges,
      classifier: new CategoryClassifier({ db: handle.db, bundle, entities, now }),
      dashboard: new DashboardService({ db: handle.db, dialect: handle.dialect, bundle, org, registry, entities, now }),
      realtime,
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
      audit,
      now,
      groupCommit: group,
      close: async () => {
        await scheduler.stop();
        await realtime.close();
        await handle.destroy();
      },
    };
    plugins.attach(runtime, entities, workflow);
    await plugins.syncSchedules(handle.db);
    return runtime;
  } catch (e) {
    await handle.destroy();
    throw e;
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
