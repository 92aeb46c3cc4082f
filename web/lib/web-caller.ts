import { createRuntimeCaller, type ApiContext } from '../../core/api';
import type { WebRouter } from './plugin-router';

/** A server-side caller of the web router: the core procedures and `plugins.<name>`, typed. */
export type WebCaller = ReturnType<WebRouter['createCaller']>;

/**
 * The runtime's caller (core + the district's enabled plugins) under WebRouter's type, so that a
 * server page calling a plugin procedure with a wrong input fails the typecheck. The runtime's
 * router is composed at run time (core cannot import the plugins' types), hence the untyped
 * `createRuntimeCaller`; a plugin the district has not enabled answers NOT_FOUND.
 */
export function webCaller(ctx: ApiContext): WebCaller {
  return createRuntimeCaller(ctx);
}
