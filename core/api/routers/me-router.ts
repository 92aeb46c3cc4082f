import { packRules } from '@casl/ability/extra';
import { TRPCError } from '@trpc/server';
import { buildRules } from '../../access';
import { schemaInput } from '../input-parser';
import { authedProcedure, publicProcedure, router } from '../trpc';

const passwordInput = schemaInput<{ currentPassword: string; newPassword: string }>({
  type: 'object',
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 128 }, newPassword: { type: 'string', minLength: 8, maxLength: 128 } },
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
});

export const meRouter = router({
  /** Who is signed in, their roles, and their rules packed for @casl/react (null when signed out). */
  session: publicProcedure.query(({ ctx }) => {
    if (!ctx.principal) return null;
    const { id, username, name, assignments } = ctx.principal;
    return {
      id,
      username,
      name,
      assignments: assignments.map((a) => ({ ...a, unitName: ctx.runtime.org.get(a.unitId)?.name ?? a.unitId })),
      rules: packRules(buildRules(ctx.runtime.bundle, ctx.runtime.org, ctx.principal)),
    };
  }),
  changePassword: authedProcedure.input(passwordInput).mutation(async ({ ctx, input }) => {
    try {
      await ctx.runtime.auth.api.changePassword({ headers: ctx.headers, body: { ...input, revokeOtherSessions: true } });
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      throw new TRPCError({ code: status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST', message: (e as Error).message });
    }
    await ctx.runtime.audit(ctx.runtime.db, [{ actorId: ctx.principal.id, action: 'passwordChange', subjectType: 'User', subjectId: ctx.principal.id, requestId: ctx.requestId, ip: ctx.ip ?? null }]);
    return { ok: true };
  }),
});
