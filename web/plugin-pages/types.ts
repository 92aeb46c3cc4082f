import type { ReactNode } from 'react';
import type { PageContext } from '../lib/page-context';
import type { WebCaller } from '../lib/web-caller';

/** What a plugin page's view gets: the signed-in page context and the URL's query. */
export interface PluginPageProps extends Omit<PageContext, 'api'> {
  /** The user's caller of the core and the plugins' procedures (the page context's knows the core only). */
  api: WebCaller;
  search: Record<string, string | undefined>;
  /** The page's own path, for links back to it with other query parameters. */
  path: string;
}

/**
 * A plugin page's view in the web app: reads through the user's tRPC caller on the server and
 * returns the page's content (the generic route wraps it in the shell).
 */
export type PluginPageView = (props: PluginPageProps) => Promise<ReactNode>;
