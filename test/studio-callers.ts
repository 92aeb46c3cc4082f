import { TRPCError } from '@trpc/server';
import { createCaller } from '../core/api/app-router';
import { createContextInner } from '../core/api/context';
import type { Runtime } from '../core/runtime';
import { expectError } from './expect-error';
import { createPrincipal } from './principals';

/** The router as a new user holding these roles sees it, in English (how router tests call it). */
export async function callerAs(runtime: Runtime, assignments: { role: string; unitId: string }[]) {
  return createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, assignments) }));
}

export const trpcError = (promise: Promise<unknown>) => expectError(promise, TRPCError);

/** The issues a refused studio call names (file, JSON pointer, message). */
export const issuesOf = (e: TRPCError) => (e.cause as { issues?: { file?: string; path: string; message: string; code?: string }[] }).issues ?? [];
