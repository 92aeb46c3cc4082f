import { sql, type Kysely, type Transaction } from 'kysely';
import type { Migration } from 'kysely/migration';
import { ajvIssues, createAjv, type DistrictBundle } from '../config';
import { configValidators } from '../config/config-validator';
import type { EntityDefinition } from '../config/types.generated';
import type { EntityService, ServiceContext, WriteEvent } from '../entities';
import { ConfigError, isGridworkError, PluginError } from '../errors';
import { t, type Lang } from '../i18n';
import { cancelJobs, scheduleJob, type Job, type JobHandler } from '../jobs';
import type { Runtime } from '../runtime';
import type { BreachEvent, NamedActionEvent, TransitionEvent, WorkflowEngine } from '../workflow';
import type { PluginApi, PluginDefinition, PluginHooks, PluginRoute } from './define-plugin';
import { nextRun, scheduleSignature } from './plugin-schedule';

export const PLUGIN_HOOK_JOB = 'plugin.hook';
export const PLUGIN_SCHEDULED_JOB = 'plugin.job';

/** Separates a plugin migration's own name from its plugin's in the migrator's table. */
const MIGRATION_MARK = '@';

type AnyPlugin = PluginDefinition<any>;
type AsyncHook = 'onClockBreach' | 'onCaseClosed';

interface HookJobPayload {
  plugin: string;
  hook: AsyncHook;
  events: Record<string, unknown>[];
}

interface ScheduledJobPayload {
  plugin: string;
  job: string;
  signature: string;
}

/**
 * The installed plugins as one district sees them: which are enabled, with which settings, and
 * what each contributes. A disabled plugin contributes nothing but its migrations (and the tables
 * of its entities), so the schema stays the same whether it is switched on or off.
 */
export class PluginHost {
  readonly installed: AnyPlugin[];
  readonly enabled: AnyPlugin[];
  private readonly settings = new Map<string, Record<string, unknown>>();
  private runtime?: Runtime;

  constructor(installed: AnyPlugin[], bundle: DistrictBundle) {
    const names = new Set<string>();
    for (const p of installed) {
      if (names.has(p.name)) throw new Error(`plugin ${p.name} is installed twice`);
      names.add(p.name);
    }
    this.installed = installed;
    const entries = bundle.district.plugins ?? {};
    this.enabled = installed.filter((p) => entries[p.name]?.enabled);
    const ajv = createAjv({ useDefaults: true, strict: false });
    for (const p of this.enabled) {
      const settings = structuredClone(entries[p.name]?.settings ?? {}) as Record<string, unknown>;
      // Already checked by the config check; run again here for the defaults.
      if (p.settingsSchema) ajv.compile(p.settingsSchema)(settings);
      this.settings.set(p.name, settings);
    }
  }

  isEnabled(name: string): boolean {
    return this.enabled.some((p) => p.name === name);
  }

  get(name: string): AnyPlugin | undefined {
    return this.enabled.find((p) => p.name === name);
  }

  /** The district's config with the enabled plugins' entities, workflows, permissions, grants and channels. */
  extendBundle(bundle: DistrictBundle): DistrictBundle {
    if (!this.enabled.length) return bundle;
    const district = structuredClone(bundle.district);
    const entities = [...bundle.entities];
    const workflows = [...bundle.workflows];
    const issues: { path: string; message: string }[] = [];
    const v = configValidators();
    for (const p of this.enabled) {
      // A plugin's record types and workflows obey the same schemas as a district's.
      const check = (validate: (d: unknown) => boolean, doc: unknown, where: string) => {
        if (validate(doc)) return;
        for (const i of ajvIssues((validate as unknown as { errors: never }).errors, 'en')) issues.push({ path: `/plugins/${p.name}/${where}${i.path === '/' ? '' : i.path}`, message: `plugin ${p.name}: ${i.message}` });
      };
      (p.entities ?? []).forEach((e, i) => check(v.entity, e, `entities/${i}`));
      (p.workflows ?? []).forEach((w, i) => check(v.workflow, w, `workflows/${i}`));
      for (const e of p.entities ?? []) {
        if (entities.some((x) => x.name === e.name)) issues.push({ path: `/plugins/${p.name}`, message: `plugin ${p.name}: entity "${e.name}" already exists` });
        else entities.push(e);
      }
      workflows.push(...(p.workflows ?? []));
      for (const [key, rule] of Object.entries(p.permissions ?? {})) {
        if (key in district.permissions) issues.push({ path: `/plugins/${p.name}`, message: `plugin ${p.name}: permission "${key}" already exists` });
        else district.permissions[key] = rule;
      }
      for (const [roleKey, keys] of Object.entries(p.roles ?? {})) {
        const role = district.roles.find((r) => r.key === roleKey);
        if (role) role.permissions.push(...keys.filter((k) => !role.permissions.includes(k)));
      }
      for (const channel of p.channels ?? []) {
        if (!district.channels.some((c) => c.key === channel.key)) district.channels.push(channel);
      }
      const profiles = typeof p.slaProfiles === 'function' ? p.slaProfiles(this.settings.get(p.name) ?? {}) : (p.slaProfiles ?? []);
      for (const profile of profiles) {
        if (!district.slaProfiles.some((x) => x.key === profile.key)) district.slaProfiles.push(profile);
      }
    }
    if (issues.length) throw new ConfigError(issues.map((i) => i.message).join('; '), issues);
    return { ...bundle, district, entities, workflows };
  }

  /** Entities of installed but disabled plugins: their tables are kept in step all the same. */
  disabledEntities(): EntityDefinition[] {
    return this.installed.filter((p) => !this.isEnabled(p.name)).flatMap((p) => p.entities ?? []);
  }

  /** Every installed plugin's migrations (enabled or not), named `<migration>@<plugin>`. */
  migrations(): Record<string, Migration> {
    const out: Record<string, Migration> = {};
    for (const p of this.installed) {
      for (const [name, migration] of Object.entries(p.migrations ?? {})) out[`${name}${MIGRATION_MARK}${p.name}`] = migration;
    }
    return out;
  }

  /** Records which plugin, at which version, brought each migration just applied. */
  async recordMigrations(db: Kysely<any>, applied: string[], now: Date): Promise<void> {
    const versions = new Map(this.installed.map((p) => [p.name, p.version]));
    const rows = applied
      .filter((name) => name.includes(MIGRATION_MARK))
      .map((name) => {
        const at = name.lastIndexOf(MIGRATION_MARK);
        const plugin = name.slice(at + 1);
        return { plugin, migration: name.slice(0, at), version: versions.get(plugin) ?? '?', applied_at: now.toISOString() };
      });
    if (rows.length) await db.insertInto('plugin_migration').values(rows).onConflict((oc) => oc.columns(['plugin', 'migration']).doNothing()).execute();
  }

  /** What a plugin's hooks, jobs and routes get; throws before the runtime is attached. */
  api(name: string): PluginApi<any> {
    const plugin = this.get(name);
    const runtime = this.runtime;
    if (!plugin || !runtime) throw new Error(`plugin ${name} is not enabled`);
    return {
      name,
      version: plugin.version,
      settings: this.settings.get(name) ?? {},
      runtime,
      now: runtime.now,
      t: (lang: Lang, key: string, params: Record<string, string | number> = {}) => {
        const template = plugin.messages?.[lang]?.[key] ?? plugin.messages?.['zh-CN']?.[key] ?? key;
        return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
      },
      log: {
        info: (message, data) => console.log(`[plugin ${name}] ${message}`, ...(data === undefined ? [] : [data])),
        error: (message, error) => console.error(`[plugin ${name}] ${message}`, ...(error === undefined ? [] : [error])),
      },
    };
  }

  /** Wires the enabled plugins' hooks into the services: appended, never replacing the core's own. */
  attach(runtime: Runtime, entities: EntityService, workflow: WorkflowEngine): void {
    this.runtime = runtime;
    const withHook = (hook: keyof PluginHooks<unknown>) => this.enabled.filter((p) => p.hooks?.[hook]);
    if (withHook('beforeRecordWrite').length) entities.onBeforeWrite((trx, ctx, e) => this.writeHooks('beforeRecordWrite', trx, ctx, e));
    if (withHook('afterRecordWrite').length) entities.onAfterWrite((trx, ctx, e) => this.writeHooks('afterRecordWrite', trx, ctx, e));
    if (withHook('afterTransition').length || withHook('onCaseClosed').length) workflow.onTransition((trx, ctx, e) => this.transitionHooks(trx, ctx, e));
    if (withHook('onClockBreach').length) workflow.onBreach((trx, events) => this.breachHooks(trx, events));
    workflow.onNamedAction((trx, ctx, name, e) => this.namedAction(trx, ctx, name, e));
  }

  private async writeHooks(hook: 'beforeRecordWrite' | 'afterRecordWrite', trx: Kysely<any>, ctx: ServiceContext, e: WriteEvent): Promise<void> {
    for (const p of this.enabled) {
      const fn = p.hooks?.[hook];
      if (!fn) continue;
      await this.guard(p.name, hook, ctx.lang, () => fn({ trx, ctx, op: e.op, entity: e.entity.name, records: e.records, before: e.before }, this.api(p.name)));
    }
  }

  private async transitionHooks(trx: Kysely<any>, ctx: ServiceContext, e: TransitionEvent): Promise<void> {
    for (const p of this.enabled) {
      const fn = p.hooks?.afterTransition;
      if (fn) {
        await this.guard(p.name, 'afterTransition', ctx.lang, () =>
          fn({ trx, ctx, entity: e.entity.name, record: e.record, transition: e.transition, from: e.from, to: e.to, form: e.form }, this.api(p.name)),
        );
      }
    }
    if (e.final) await this.enqueue(trx, 'onCaseClosed', [{ entity: e.entity.name, recordId: e.record.id, state: e.to, transition: e.transition }]);
  }

  /** `<plugin>.<action>`: run when that plugin is enabled and has the action. */
  private async namedAction(trx: Kysely<any>, ctx: ServiceContext, name: string, e: NamedActionEvent): Promise<void> {
    const dot = name.indexOf('.');
    const plugin = dot > 0 ? this.get(name.slice(0, dot)) : undefined;
    const fn = plugin?.actions?.[name.slice(dot + 1)];
    if (!plugin || !fn) return;
    await this.guard(plugin.name, `action ${name}`, ctx.lang, () => fn({ trx, ctx, entity: e.entity.name, record: e.record, form: e.form }, this.api(plugin.name)));
  }

  private async breachHooks(trx: Kysely<any>, events: BreachEvent[]): Promise<void> {
    await this.enqueue(trx, 'onClockBreach', events as unknown as Record<string, unknown>[]);
  }

  /** After-commit hooks: one durable job per plugin, in the transaction of what happened. */
  private async enqueue(trx: Kysely<any>, hook: AsyncHook, events: Record<string, unknown>[]): Promise<void> {
    const now = this.runtime!.now();
    for (const p of this.enabled) {
      if (!p.hooks?.[hook]) continue;
      const payload: HookJobPayload = { plugin: p.name, hook, events };
      await scheduleJob(trx, { kind: PLUGIN_HOOK_JOB, dueAt: now, payload }, now);
    }
  }

  /**
   * Runs one plugin's code in the caller's transaction. A domain error thrown on purpose (a
   * refused write) passes as it is; anything else is logged with the plugin's name and becomes
   * a PluginError, so the transaction rolls back and the caller is told which plugin failed.
   */
  private async guard(plugin: string, hook: string, lang: Lang, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (error) {
      if (isGridworkError(error) && error.kind !== 'plugin' && error.kind !== 'config') throw error;
      console.error(`[plugin ${plugin}] ${hook} failed:`, error);
      throw new PluginError(t(lang, 'plugin.hookFailed', { plugin, hook, detail: (error as Error)?.message ?? String(error) }), plugin, hook, { cause: error });
    }
  }

  /** Job handlers for the scheduler: after-commit hooks and scheduled jobs. */
  jobHandlers(): Record<string, JobHandler> {
    return {
      [PLUGIN_HOOK_JOB]: (job, trx) => this.runHookJob(job as Job<HookJobPayload>, trx),
      [PLUGIN_SCHEDULED_JOB]: (job, trx) => this.runScheduledJob(job as Job<ScheduledJobPayload>, trx),
    };
  }

  private async runHookJob(job: Job<HookJobPayload>, trx: Transaction<any>): Promise<void> {
    const { plugin, hook, events } = job.payload;
    const fn = this.get(plugin)?.hooks?.[hook] as ((e: unknown, api: PluginApi<any>) => Promise<void>) | undefined;
    // Switched off since: the event is dropped, as a disabled plugin contributes nothing.
    if (!fn) return;
    try {
      for (const event of events) await fn({ ...event, trx }, this.api(plugin));
    } catch (error) {
      // Rethrown: the job rolls back and is retried with backoff; other plugins have jobs of their own.
      console.error(`[plugin ${plugin}] ${hook} failed (job ${job.id}, attempt ${job.attempts + 1}):`, error);
      throw error;
    }
  }

  private async runScheduledJob(job: Job<ScheduledJobPayload>, trx: Transaction<any>): Promise<void> {
    const { plugin, job: name } = job.payload;
    const def = this.get(plugin)?.jobs?.[name];
    if (!def) return;
    const api = this.api(plugin);
    // A savepoint: a failing run loses its own writes, but the next run is still scheduled.
    await sql`savepoint plugin_job`.execute(trx);
    try {
      await def.run({ trx, dueAt: job.dueAt }, api);
      await sql`release savepoint plugin_job`.execute(trx);
    } catch (error) {
      await sql`rollback to savepoint plugin_job`.execute(trx);
      api.log.error(`job ${name} failed`, error);
    }
    await this.scheduleNext(trx, plugin, name);
  }

  private scheduleOf(plugin: AnyPlugin, name: string) {
    const def = plugin.jobs![name];
    return typeof def.schedule === 'function' ? def.schedule(this.settings.get(plugin.name) ?? {}) : def.schedule;
  }

  private async scheduleNext(db: Kysely<any>, plugin: string, name: string): Promise<void> {
    const p = this.get(plugin)!;
    const schedule = this.scheduleOf(p, name);
    const now = this.runtime!.now();
    const payload: ScheduledJobPayload = { plugin, job: name, signature: scheduleSignature(schedule) };
    const dueAt = nextRun(schedule, now, this.runtime!.bundle.district.timeZone);
    await scheduleJob(db, { kind: PLUGIN_SCHEDULED_JOB, key: jobKey(plugin, name), dueAt, payload }, now);
  }

  /**
   * At start-up: each enabled plugin's jobs get a pending timer (kept if one exists with the same
   * schedule, moved if the schedule changed); a disabled plugin's pending timers are cancelled.
   */
  async syncSchedules(db: Kysely<any>): Promise<void> {
    const now = this.runtime!.now();
    for (const p of this.installed) {
      if (!this.isEnabled(p.name)) {
        await cancelJobs(db, { keyPrefix: `plugin:${p.name}:` }, now);
        continue;
      }
      for (const name of Object.keys(p.jobs ?? {})) {
        const pending = await db.selectFrom('job').select('payload').where('key', '=', jobKey(p.name, name)).where('status', '=', 'pending').executeTakeFirst();
        const signature = scheduleSignature(this.scheduleOf(p, name));
        if (pending && JSON.parse(pending.payload).signature === signature) continue;
        await this.scheduleNext(db, p.name, name);
      }
    }
  }

  /** The enabled plugin's route for a request, with its `:params`. */
  route(name: string, method: string, segments: string[]): { route: PluginRoute<any>; params: Record<string, string> } | undefined {
    for (const route of this.get(name)?.routes ?? []) {
      if (route.method !== method) continue;
      const parts = route.path.split('/').filter(Boolean);
      if (parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      if (parts.every((part, i) => (part.startsWith(':') ? ((params[part.slice(1)] = segments[i]), true) : part === segments[i]))) return { route, params };
    }
    return undefined;
  }

  /** Enabled plugins' tRPC routers by plugin name. */
  routers(): Record<string, NonNullable<AnyPlugin['routers']>> {
    return Object.fromEntries(this.enabled.filter((p) => p.routers).map((p) => [p.name, p.routers!]));
  }

  /** Each enabled plugin's demo data (idempotent seeds), in installation order. */
  async seed(): Promise<string[]> {
    const seeded: string[] = [];
    for (const p of this.enabled) {
      if (!p.seed) continue;
      await p.seed(this.api(p.name));
      seeded.push(p.name);
    }
    return seeded;
  }

  /** Menu entries, dashboard cards, map layers and pages of the enabled plugins, for the web app to render. */
  ui() {
    return this.enabled.map((p) => ({ plugin: p.name, label: p.label ?? null, menu: p.ui?.menu ?? [], cards: p.ui?.cards ?? [], mapLayers: p.ui?.mapLayers ?? [], pages: p.ui?.pages ?? [] }));
  }
}

const jobKey = (plugin: string, job: string) => `plugin:${plugin}:${job}`;
