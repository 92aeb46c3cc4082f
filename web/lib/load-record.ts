import { TRPCError } from '@trpc/server';

export type LoadFailure = 'forbidden' | 'notFound' | 'invalid';

/** A server read as a value or the reason it failed: pages show a 403/404 instead of crashing. */
export async function attempt<T>(read: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: LoadFailure }> {
  try {
    return { ok: true, value: await read };
  } catch (e) {
    if (e instanceof TRPCError) {
      if (e.code === 'FORBIDDEN') return { ok: false, reason: 'forbidden' };
      if (e.code === 'NOT_FOUND') return { ok: false, reason: 'notFound' };
      if (e.code === 'BAD_REQUEST') return { ok: false, reason: 'invalid' };
    }
    throw e;
  }
}
