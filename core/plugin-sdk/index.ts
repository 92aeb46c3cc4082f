/**
 * The plugin SDK: the one import for plugin authors. See plugins/README.md for a guide with an
 * example of every extension point.
 */
export {
  definePlugin,
  pluginApi,
  type PluginDefinition,
  type TypedPluginDefinition,
  type PluginApi,
  type PluginHooks,
  type RecordWriteEvent,
  type TransitionHookEvent,
  type ClockBreachEvent,
  type CaseClosedEvent,
  type WorkflowActionEvent,
  type PluginJob,
  type PluginJobRun,
  type PluginSchedule,
  type PluginRoute,
  type PluginRouteRequest,
  type PluginMenuEntry,
  type PluginDashboardCard,
  type PluginMapLayer,
  type PluginCardInput,
  type PluginPage,
} from './define-plugin';
export { PluginHost, PLUGIN_HOOK_JOB, PLUGIN_SCHEDULED_JOB } from './plugin-host';
export { handlePluginRequest, MAX_PLUGIN_BODY_BYTES } from './plugin-http';
export { nextRun } from './plugin-schedule';
export { createValidator } from './validator';

// Building blocks plugins use with the core's services.
export { router, publicProcedure, authedProcedure } from '../api/trpc';
export { schemaInput } from '../api/input-parser';
export { serviceContext, createContextInner, type ApiContext } from '../api/context';
export { createRuntimeCaller } from '../api/runtime-router';
export { systemContext, newRecordId, type ServiceContext, type EntityRecord } from '../entities';
export { ValidationError, ForbiddenError, NotFoundError, ConflictError, UnauthorizedError, PluginError, type ErrorIssue } from '../errors';
export type { EntityDefinition, WorkflowDefinition, LocalizedText } from '../config/types.generated';
export type { Lang } from '../i18n';
export type { Runtime } from '../runtime';
export { decodeRow as decodeRecord } from '../entities/record-codec';
