import { serviceContext } from '../context';
import { schemaInput } from '../input-parser';
import { authedProcedure, router } from '../trpc';

const listInput = schemaInput<{ status?: 'open' | 'replaying' | 'resolved'; channel?: string; limit?: number }>({
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['open', 'replaying', 'resolved'] },
    channel: { type: 'string', maxLength: 48 },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
  },
  additionalProperties: false,
});
const idInput = schemaInput<{ id: string }>({ type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'], additionalProperties: false });
const outboxInput = schemaInput<{ recordId?: string; status?: 'pending' | 'sent' | 'failed' | 'dead'; limit?: number }>({
  type: 'object',
  properties: {
    recordId: { type: 'string', maxLength: 64 },
    status: { type: 'string', enum: ['pending', 'sent', 'failed', 'dead'] },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
  },
  additionalProperties: false,
});

/** Dead letters and outbound legs: admins (the `configure` permission on Config) only. */
export const intakeRouter = router({
  deadLetters: authedProcedure.input(listInput).query(({ ctx, input }) => ctx.runtime.intake.deadLetters(serviceContext(ctx), input)),
  deadLetter: authedProcedure.input(idInput).query(({ ctx, input }) => ctx.runtime.intake.deadLetter(serviceContext(ctx), input.id)),
  replay: authedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const { letter, record } = await ctx.runtime.intake.replay(serviceContext(ctx), input.id);
    return { letter, record: { id: record.id, status: record.status, orgUnitId: record.orgUnitId } };
  }),
  outbox: authedProcedure.input(outboxInput).query(({ ctx, input }) => ctx.runtime.outbox.list(serviceContext(ctx), input)),
  /** Retry a failed or dead outbound leg now (audited). */
  retryLeg: authedProcedure.input(idInput).mutation(({ ctx, input }) => ctx.runtime.outbox.retry(serviceContext(ctx), input.id)),
});
