import type { Lang } from '../i18n';
import type { ServiceContext } from '../entities';
import type { Runtime } from '../runtime';

/** What every procedure sees. Built without a request in tests (createContextInner). */
export interface ApiContext {
  runtime: Runtime;
  lang: Lang;
  requestId: string;
  actor?: { id: string };
}

export function createContextInner(input: { runtime: Runtime; lang?: Lang; requestId?: string; actor?: { id: string } }): ApiContext {
  return {
    runtime: input.runtime,
    lang: input.lang ?? input.runtime.options.lang,
    requestId: input.requestId ?? crypto.randomUUID(),
    actor: input.actor,
  };
}

/** The domain-level context services take: no tRPC types leak into core services. */
export function serviceContext(ctx: ApiContext): ServiceContext {
  return { lang: ctx.lang, actor: ctx.actor, requestId: ctx.requestId };
}
