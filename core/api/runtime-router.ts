import type { AnyRouter } from '@trpc/server';
import type { Runtime } from '../runtime';
import { appRouter } from './app-router';
import type { ApiContext } from './context';
import { createCallerFactory, router } from './trpc';

const cache = new WeakMap<Runtime, AnyRouter>();

/**
 * The core router plus the enabled plugins' routers under `plugins.<name>`. Built per runtime,
 * because which plugins are enabled is the district's choice: a disabled plugin's procedures do
 * not exist (NOT_FOUND).
 */
export function routerFor(runtime: Runtime): AnyRouter {
  let built = cache.get(runtime);
  if (!built) {
    const plugins = runtime.plugins?.routers() ?? {};
    built = Object.keys(plugins).length ? router({ ...appRouter._def.record, plugins: router(plugins) }) : appRouter;
    cache.set(runtime, built);
  }
  return built;
}

/** A server-side caller of the runtime's whole router (tests, scripts): `caller.plugins['x'].y()`. */
export function createRuntimeCaller(ctx: ApiContext): any {
  return createCallerFactory(routerFor(ctx.runtime) as typeof appRouter)(ctx);
}
