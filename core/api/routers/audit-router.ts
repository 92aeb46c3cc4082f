import { TRPCError } from '@trpc/server';
import { queryAudit } from '../../audit';
import { t } from '../../i18n';
import { schemaInput } from '../input-parser';
import { authedProcedure, router } from '../trpc';

const queryInput = schemaInput<{ subjectType?: string; subjectId?: string; actorId?: string; from?: string; to?: string; limit?: number; beforeSeq?: number }>({
  type: 'object',
  properties: {
    subjectType: { type: 'string', maxLength: 64 },
    subjectId: { type: 'string', maxLength: 64 },
    actorId: { type: 'string', maxLength: 64 },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    beforeSeq: { type: 'integer', minimum: 1 },
  },
  additionalProperties: false,
});

/** The audit log, read-only: entries' diffs were masked when written, so no reader sees PII here. */
export const auditRouter = router({
  query: authedProcedure.input(queryInput).query(({ ctx, input }) => {
    if (!ctx.ability.can('read', 'AuditLog')) {
      throw new TRPCError({ code: 'FORBIDDEN', message: t(ctx.lang, 'forbidden.action', { action: 'read', entity: 'AuditLog' }) });
    }
    return queryAudit(ctx.runtime.db, input);
  }),
});
