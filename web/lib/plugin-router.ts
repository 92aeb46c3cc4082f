import type { AnyRouter } from '@trpc/server';
import type { AppRouter } from '../../core/api';
import type { router } from '../../core/api/trpc';
import type { installedPlugins } from '../../plugins';

type Installed = (typeof installedPlugins)[number];
type WithRouter = Extract<Installed, { routers: AnyRouter }>;

/** Each installed plugin's tRPC router by plugin name, as the server mounts them at run time. */
export type PluginRouters = { [P in WithRouter as P['name']]: P['routers'] };

/**
 * The router the web app talks to: the core procedures plus `plugins.<name>` for every installed
 * plugin (composed from plugins/index.ts, which `gridwork plugin index` keeps up to date). Which of
 * them a district enables is decided at run time; a disabled plugin's procedures answer NOT_FOUND.
 */
export type WebRouter = ReturnType<typeof router<AppRouter['_def']['record'] & { plugins: PluginRouters }>>;
