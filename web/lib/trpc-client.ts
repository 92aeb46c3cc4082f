'use client';

import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { WebRouter } from './plugin-router';

/**
 * The browser's tRPC client for writes (pages read on the server). One plain HTTP link: no
 * batching or query cache to ship, since each action is one call followed by a page refresh.
 * Typed with the plugins' procedures too: `trpc.plugins['grid-alliance'].report.mutate(...)`.
 */
export const trpc = createTRPCClient<WebRouter>({ links: [httpLink({ url: '/api/trpc' })] });

export interface ServerIssue {
  path: string;
  message: string;
  /** The config file a studio issue is about. */
  file?: string;
}

/** The field issues and message of a failed call (validation issues come from the server). */
export function callError(e: unknown): { message: string; issues: ServerIssue[]; code?: string } {
  if (e instanceof TRPCClientError) {
    const data = e.data as { issues?: ServerIssue[]; code?: string } | undefined;
    return { message: e.message, issues: data?.issues ?? [], code: data?.code };
  }
  return { message: (e as Error)?.message ?? String(e), issues: [] };
}
