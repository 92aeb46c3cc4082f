import { buildAbility, type AppAbility } from '../access';
import { loadPrincipal, type UserProfile } from '../auth';
import type { ServiceContext } from '../entities';
import { parseLang, type Lang } from '../i18n';
import type { Runtime } from '../runtime';

/** What every procedure sees. Built without a request in tests (createContextInner). */
export interface ApiContext {
  runtime: Runtime;
  lang: Lang;
  requestId: string;
  ip?: string;
  /** Request headers, for procedures that call better-auth on the user's behalf. */
  headers: Headers;
  principal?: UserProfile;
  ability?: AppAbility;
}

export function createContextInner(input: {
  runtime: Runtime;
  lang?: Lang;
  requestId?: string;
  principal?: UserProfile;
  headers?: Headers;
  ip?: string;
}): ApiContext {
  const { runtime, principal } = input;
  return {
    runtime,
    lang: input.lang ?? runtime.options.lang,
    requestId: input.requestId ?? crypto.randomUUID(),
    ip: input.ip,
    headers: input.headers ?? new Headers(),
    principal,
    ability: principal ? buildAbility(runtime.bundle, runtime.org, principal) : undefined,
  };
}

/** The context of an HTTP request: the session cookie decides who is asking. */
export async function createRequestContext(runtime: Runtime, req: Request): Promise<ApiContext> {
  const cookieLang = /(?:^|;\s*)lang=([^;]+)/.exec(req.headers.get('cookie') ?? '')?.[1];
  const lang = parseLang(req.headers.get('x-gridwork-lang') ?? cookieLang ?? runtime.options.lang);
  let principal: UserProfile | undefined;
  const session = await runtime.auth.api.getSession({ headers: req.headers }).catch(() => null);
  if (session?.user) {
    const loaded = await loadPrincipal(runtime.db, session.user.id);
    if (loaded && !loaded.disabled) principal = loaded;
  }
  return createContextInner({
    runtime,
    lang,
    principal,
    headers: req.headers,
    requestId: req.headers.get('x-request-id') ?? undefined,
    ip: req.headers.get('x-forwarded-for')?.split(',')[0].trim() ?? undefined,
  });
}

/** The domain-level context services take: no tRPC types leak into core services. */
export function serviceContext(ctx: ApiContext): ServiceContext {
  return {
    lang: ctx.lang,
    actor: ctx.principal ? { id: ctx.principal.id } : undefined,
    ability: ctx.ability,
    roles: ctx.principal ? [...new Set(ctx.principal.assignments.map((a) => a.role))] : undefined,
    units: ctx.principal ? [...new Set(ctx.principal.assignments.map((a) => a.unitId))] : undefined,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}
