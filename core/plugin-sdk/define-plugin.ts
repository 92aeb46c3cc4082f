import type { AnyRouter } from '@trpc/server';
import type { Kysely, Transaction } from 'kysely';
import type { Migration } from 'kysely/migration';
import type {
  DistrictConfig,
  EntityDefinition,
  LocalizedText,
  WorkflowDefinition,
} from '../config/types.generated';
import type { EntityRecord, ServiceContext } from '../entities';
import type { Lang } from '../i18n';
import type { Runtime } from '../runtime';
import type { BreachEvent } from '../workflow';

type PermissionRule = DistrictConfig['permissions'][string];
type Channel = DistrictConfig['channels'][number];
type SlaProfile = DistrictConfig['slaProfiles'][number];

/** What every hook, job and route of a plugin receives besides its event. */
export interface PluginApi<S = Record<string, unknown>> {
  name: string;
  version: string;
  /** The district's settings for this plugin, validated by its settingsSchema, defaults filled in. */
  settings: S;
  runtime: Runtime;
  now(): Date;
  /** The plugin's own messages (`messages`), with `{name}` placeholders filled. */
  t(lang: Lang, key: string, params?: Record<string, string | number>): string;
  /** Log lines prefixed with the plugin's name. */
  log: { info(message: string, data?: unknown): void; error(message: string, error?: unknown): void };
}

/** A record write (create, update or soft delete), inside its transaction. */
export interface RecordWriteEvent {
  trx: Kysely<any>;
  ctx: ServiceContext;
  op: 'create' | 'update' | 'delete';
  entity: string;
  records: EntityRecord[];
  before?: EntityRecord[];
}

/** A workflow transition, inside its transaction. */
export interface TransitionHookEvent {
  trx: Kysely<any>;
  ctx: ServiceContext;
  entity: string;
  record: EntityRecord;
  transition: string;
  from: string | null;
  to: string;
  /** The transition's form, validated against the workflow's form schema. */
  form: Record<string, unknown>;
}

/** A named workflow action (`{ "do": "hook", "name": "<plugin>.<action>" }`), in the transition's transaction. */
export interface WorkflowActionEvent {
  trx: Kysely<any>;
  ctx: ServiceContext;
  entity: string;
  record: EntityRecord;
  form: Record<string, unknown>;
}

/** After commit, in the plugin's own durable job: a clock breached. */
export interface ClockBreachEvent extends BreachEvent {
  trx: Transaction<any>;
}

/** After commit, in the plugin's own durable job: a case reached a final state. */
export interface CaseClosedEvent {
  trx: Transaction<any>;
  entity: string;
  recordId: string;
  state: string;
  transition: string;
}

/**
 * Hooks. The first three run inside the caller's transaction: a throw rolls the write back and
 * the caller gets a PluginError naming the plugin (a ValidationError/ForbiddenError thrown on
 * purpose reaches the caller as it is). The last two run after commit, each plugin in its own
 * durable job: a failure is logged with the plugin's name and retried, and nobody else notices.
 */
export interface PluginHooks<S> {
  beforeRecordWrite?: (event: RecordWriteEvent, plugin: PluginApi<S>) => unknown;
  afterRecordWrite?: (event: RecordWriteEvent, plugin: PluginApi<S>) => unknown;
  afterTransition?: (event: TransitionHookEvent, plugin: PluginApi<S>) => unknown;
  onClockBreach?: (event: ClockBreachEvent, plugin: PluginApi<S>) => unknown;
  onCaseClosed?: (event: CaseClosedEvent, plugin: PluginApi<S>) => unknown;
}

/** When a scheduled job runs: a 5-field cron line in the district's time zone, or a fixed interval. */
export type PluginSchedule = { cron: string } | { everyMinutes: number };

export interface PluginJobRun {
  trx: Transaction<any>;
  /** The time this run was due. */
  dueAt: Date;
}

/** A job on the durable job system, rescheduled after each run; a failed run is logged and the next one still comes. */
export interface PluginJob<S> {
  schedule: PluginSchedule | ((settings: S) => PluginSchedule);
  run: (run: PluginJobRun, plugin: PluginApi<S>) => Promise<unknown>;
}

export interface PluginRouteRequest<S> {
  request: Request;
  /** `:name` segments of the route's path. */
  params: Record<string, string>;
  /** The parsed JSON body (POST/PUT/PATCH), or undefined. */
  body: unknown;
  lang: Lang;
  plugin: PluginApi<S>;
}

/** A REST endpoint under /api/plugins/<name>/<path>: for devices and outside systems. */
export interface PluginRoute<S> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative path, segments may be `:param`, e.g. `telemetry` or `devices/:id`. */
  path: string;
  handler: (req: PluginRouteRequest<S>) => Promise<Response | unknown>;
}

/** A menu entry the web app shows when the plugin is enabled (data only: the web layer renders it). */
export interface PluginMenuEntry {
  key: string;
  label: LocalizedText;
  /** Path in the web app, e.g. /entities/elder. */
  path: string;
  icon?: string;
  /** Shown only to those who may do `action` on `subject`. */
  permission?: { action: string; subject: string };
}

/** A dashboard card: its data comes from a tRPC query under plugins.<name>. */
export interface PluginDashboardCard {
  key: string;
  label: LocalizedText;
  /** Procedure path relative to the plugin's router, e.g. `dashboard`. */
  query: string;
  kind?: 'figures' | 'chart' | 'list';
  /**
   * What the query needs, as inputs the card shows (and the web app fills with a default): a
   * `month` input defaults to the current month (YYYY-MM) in the district's time zone.
   */
  inputs?: PluginCardInput[];
}

/** One input of a dashboard card, passed to its query under `key`. */
export interface PluginCardInput {
  key: string;
  kind: 'month';
  label: LocalizedText;
}

/**
 * A page of the plugin in the web app, at /p/<plugin>/<key>. Data only: the web app renders it with
 * the view registered for `<plugin>/<key>` (core and plugins stay free of React).
 */
export interface PluginPage {
  key: string;
  label: LocalizedText;
  /** Listed in the menu (and opened) only by those who may do `action` on `subject`. */
  permission?: { action: string; subject: string };
}

/** A layer on the district map: a query returning a GeoJSON FeatureCollection of points. */
export interface PluginMapLayer {
  key: string;
  label: LocalizedText;
  /** Procedure path relative to the plugin's router; it returns a FeatureCollection. */
  query: string;
  /** Feature property holding a colour key, and the legend of its values. */
  colourProperty?: string;
  legend?: { key: string; label: LocalizedText; colour: string }[];
}

export interface PluginDefinition<S = Record<string, unknown>> {
  /** Kebab-case; the key under `plugins` in district.json. */
  name: string;
  version: string;
  label?: LocalizedText;
  /** Plugins that must be installed and enabled in the same district. */
  requires?: string[];
  /** JSON Schema of the plugin's settings in district.json (`plugins.<name>.settings`). */
  settingsSchema?: Record<string, unknown>;
  /** Record types, same format as a district's entities/*.json; they join the entity registry. */
  entities?: EntityDefinition[];
  /** Named forms (JSON Schema + UI schema) for the web app's form renderer. */
  forms?: Record<string, { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }>;
  /** Workflows for the plugin's entities (same format as a district's workflows/*.json). */
  workflows?: WorkflowDefinition[];
  /** Named permission rules added to the district's (subject: a plugin entity's subject). */
  permissions?: Record<string, PermissionRule>;
  /** Role key → permission rule keys granted to that role, when the district has the role. */
  roles?: Record<string, string[]>;
  /**
   * Schema migrations, frozen like the core's; names start with a date (`2026-12-01-001-…`) and
   * run in date order together with the core's. They run even while the plugin is disabled.
   */
  migrations?: Record<string, Migration>;
  hooks?: PluginHooks<S>;
  /** Demo data, loaded by `gridwork seed` / `serve --demo` while enabled; must be idempotent. */
  seed?: (plugin: PluginApi<S>) => Promise<unknown>;
  /**
   * Actions a district's workflow may call by name: `{ "do": "hook", "name": "<plugin>.<key>" }`
   * on a transition or state. They run in the transition's transaction (a throw rolls it back);
   * while the plugin is disabled the action does nothing.
   */
  actions?: Record<string, (event: WorkflowActionEvent, plugin: PluginApi<S>) => unknown>;
  jobs?: Record<string, PluginJob<S>>;
  /** Intake channels the plugin brings, added when the district does not declare them itself. */
  channels?: Channel[];
  /** SLA profiles (clocks) the plugin's workflows name, added when the district has none of that key; may follow the settings. */
  slaProfiles?: SlaProfile[] | ((settings: S) => SlaProfile[]);
  /** REST endpoints under /api/plugins/<name>/. */
  routes?: PluginRoute<S>[];
  /** tRPC router, mounted at plugins.<name> (build it with the SDK's `router` and procedures). */
  routers?: AnyRouter;
  ui?: { menu?: PluginMenuEntry[]; cards?: PluginDashboardCard[]; mapLayers?: PluginMapLayer[]; pages?: PluginPage[] };
  /** Messages for `plugin.t`, per language. */
  messages?: Record<Lang, Record<string, string>>;
}

/**
 * A plugin definition that keeps its name and tRPC router types, so the web client can type
 * `plugins.<name>.<procedure>` (see web/lib/plugin-router.ts).
 */
export type TypedPluginDefinition<S, N extends string, R extends AnyRouter | undefined> = Omit<PluginDefinition<S>, 'name' | 'routers'> & { name: N; routers: R };

/**
 * Declares a plugin. Identity at run time; it exists for the types. Called without arguments it
 * returns the declaring function with the settings type fixed and the name and router inferred:
 * `definePlugin<Settings>()({ name: 'x', routers: router({...}), ... })`, which types the web client.
 */
export function definePlugin<S = Record<string, unknown>>(): <const N extends string, R extends AnyRouter | undefined = undefined>(
  definition: PluginDefinition<S> & { name: N; routers?: R },
) => TypedPluginDefinition<S, N, R>;
export function definePlugin<S = Record<string, unknown>>(definition: PluginDefinition<S>): PluginDefinition<S>;
export function definePlugin<S>(definition?: PluginDefinition<S>): unknown {
  return definition ?? ((d: PluginDefinition<S>) => d);
}

/** A plugin's API from a tRPC procedure or any holder of the runtime: `pluginApi<Settings>(ctx.runtime, 'silver-care')`. */
export function pluginApi<S>(runtime: Runtime, name: string): PluginApi<S> {
  return runtime.plugins.api(name) as PluginApi<S>;
}
