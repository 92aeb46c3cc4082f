import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { appendAudit, type AuditEntryInput } from '../audit';
import { createAuth, UserService, type GridworkAuth } from '../auth';
import { loadDistrict, type DistrictBundle } from '../config';
import { createDatabase, migrateToLatest, type GridworkDialect } from '../db';
import { EntityRegistry, EntityService, syncEntities } from '../entities';
import { CategoryClassifier } from '../classifier';
import { DuplicateDetector, MergeService } from '../duplicates';
import { CaseRouter, recordRouting, routeBeforeCreate } from '../geo';
import { JobScheduler } from '../jobs';
import { importOrgUnits, OrgDirectory } from '../org';
import { CLOCK_DUE, CLOCK_SUPERVISE, WorkflowEngine } from '../workflow';
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
  /** Fires durable timers; started by the web server (never by one-shot CLI commands). */
  scheduler: JobScheduler;
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
  extra: { now?: () => Date; onReport?: (r: StartupReport) => void } = {},
): Promise<Runtime> {
  const bundle = loadDistrict(options.configDir, options.lang);
  const now = extra.now ?? (() => new Date());
  const handle = createDatabase({ databaseUrl: options.databaseUrl, sqliteFile: sqliteFileFor(options) });
  try {
    const { applied } = await migrateToLatest(handle.db, handle.dialect);
    const synced = await syncEntities(handle.db, handle.dialect, bundle.entities, now);
    const orgUnitsImported = await syncOrgTree(handle.db, bundle, now);
    const registry = new EntityRegistry(bundle.entities, bundle.workflows);
    for (const s of synced) registry.setVersion(s.entity, s.version);
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
    const workflow = new WorkflowEngine({ db: handle.db, bundle, org, entities, audit, now });
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
    workflow.onTransition((trx, _ctx, entity, record) => outbox.enqueueForState(trx, entity, record).then(() => undefined));
    const intake = new IntakeService({ db: handle.db, bundle, channels, entities, now });
    entities.afterCreate(intake.settleClaim());
    const scheduler = new JobScheduler({
      db: handle.db,
      dialect: handle.dialect,
      now,
      handlers: {
        [CLOCK_DUE]: (job, trx) => workflow.clockDue(job as never, trx),
        [CLOCK_SUPERVISE]: (job, trx) => workflow.clockSupervise(job as never, trx),
        [OUTBOX_DELIVER]: (job, trx) => outbox.deliver(job as never, trx),
      },
      batchHandlers: { [CLOCK_DUE]: (jobs, trx) => workflow.clockDueBatch(jobs as never, trx) },
      // Larger claims for storms of deadlines: fewer commits; a batch still holds locks only briefly.
      batchSize: 500,
    });
    return {
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
      scheduler,
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
      close: async () => {
        await scheduler.stop();
        await handle.destroy();
      },
    };
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
