import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { isGridworkError, type GridworkError, type ErrorIssue } from '../errors';
import type { ApiContext } from './context';
import { t as translate } from '../i18n';

const CODES: Record<GridworkError['kind'], TRPC_ERROR_CODE_KEY> = {
  config: 'INTERNAL_SERVER_ERROR',
  validation: 'BAD_REQUEST',
  forbidden: 'FORBIDDEN',
  unauthorized: 'UNAUTHORIZED',
  conflict: 'CONFLICT',
  notFound: 'NOT_FOUND',
  plugin: 'INTERNAL_SERVER_ERROR',
  tooLarge: 'PAYLOAD_TOO_LARGE',
};

// The only file that calls initTRPC: everything else builds on these exports.
const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues: ErrorIssue[] = isGridworkError(cause) ? cause.issues : [];
    return { ...shape, data: { ...shape.data, stack: undefined, issues } };
  },
});

/** Domain errors become tRPC errors here and nowhere else. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isGridworkError(cause)) {
      throw new TRPCError({ code: CODES[cause.kind], message: cause.message, cause });
    }
  }
  return result;
});

/** A signed-in, enabled user with an ability; anything else is a 401. */
const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.principal || !ctx.ability) throw new TRPCError({ code: 'UNAUTHORIZED', message: translate(ctx.lang, 'unauthorized.session') });
  return next({ ctx: { ...ctx, principal: ctx.principal, ability: ctx.ability } });
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);
export const authedProcedure = publicProcedure.use(requireUser);

/** The admin studio and other configuration: only users with the `configure` right on Config. */
export const configureProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.ability.can('configure', 'Config')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: translate(ctx.lang, 'forbidden.action', { action: 'configure', entity: 'Config' }) });
  }
  return next();
});
