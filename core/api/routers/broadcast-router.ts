import type { SendInput } from '../../broadcast';
import { serviceContext } from '../context';
import { schemaInput } from '../input-parser';
import { authedProcedure, router } from '../trpc';

const sendInput = schemaInput<SendInput>({
  type: 'object',
  properties: {
    unit: { type: 'string', maxLength: 64 },
    roles: { type: 'array', items: { type: 'string', maxLength: 48 }, maxItems: 20 },
    title: { type: 'string', maxLength: 100 },
    body: { type: 'string', maxLength: 4000 },
    priority: { enum: ['normal', 'urgent'] },
  },
  required: ['title', 'body'],
  additionalProperties: false,
});
const idInput = schemaInput<{ id: string }>({ type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['id'], additionalProperties: false });
const inboxInput = schemaInput<{ limit?: number }>({ type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 200 } }, additionalProperties: false });

/** 市级指令: send to every grid worker in a scope, my inbox, receipts, and who has read it. */
export const broadcastRouter = router({
  send: authedProcedure.input(sendInput).mutation(({ ctx, input }) => ctx.runtime.broadcasts.send(serviceContext(ctx), input)),
  inbox: authedProcedure.input(inboxInput).query(({ ctx, input }) => ctx.runtime.broadcasts.inbox(serviceContext(ctx), ctx.principal, input.limit)),
  read: authedProcedure.input(idInput).mutation(({ ctx, input }) => ctx.runtime.broadcasts.receipt(serviceContext(ctx), ctx.principal, input.id, false)),
  acknowledge: authedProcedure.input(idInput).mutation(({ ctx, input }) => ctx.runtime.broadcasts.receipt(serviceContext(ctx), ctx.principal, input.id, true)),
  stats: authedProcedure.input(idInput).query(({ ctx, input }) => ctx.runtime.broadcasts.stats(serviceContext(ctx), input.id)),
});
