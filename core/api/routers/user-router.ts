import { serviceContext } from '../context';
import { schemaInput } from '../input-parser';
import { authedProcedure, router } from '../trpc';

const assignment = {
  type: 'object',
  properties: { role: { type: 'string', maxLength: 48 }, unitId: { type: 'string', maxLength: 64 } },
  required: ['role', 'unitId'],
  additionalProperties: false,
} as const;

const createInput = schemaInput<{ username: string; name: string; password: string; assignments: { role: string; unitId: string }[] }>({
  type: 'object',
  properties: {
    username: { type: 'string', maxLength: 64 },
    name: { type: 'string', maxLength: 100 },
    password: { type: 'string', maxLength: 200 },
    assignments: { type: 'array', maxItems: 50, items: assignment },
  },
  required: ['username', 'name', 'password', 'assignments'],
  additionalProperties: false,
});
const userId = { type: 'string', minLength: 1, maxLength: 64 } as const;
const disableInput = schemaInput<{ userId: string; disabled: boolean }>({
  type: 'object',
  properties: { userId, disabled: { type: 'boolean' } },
  required: ['userId', 'disabled'],
  additionalProperties: false,
});
const assignInput = schemaInput<{ userId: string; assignments: { role: string; unitId: string }[] }>({
  type: 'object',
  properties: { userId, assignments: { type: 'array', minItems: 1, maxItems: 50, items: assignment } },
  required: ['userId', 'assignments'],
  additionalProperties: false,
});
const revokeInput = schemaInput<{ userId: string; assignment: { role: string; unitId: string } }>({
  type: 'object',
  properties: { userId, assignment },
  required: ['userId', 'assignment'],
  additionalProperties: false,
});
const listInput = schemaInput<{ search?: string; limit?: number }>({
  type: 'object',
  properties: { search: { type: 'string', maxLength: 50 }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
  additionalProperties: false,
});

/** Admin-created accounts and role assignments (subject `User`). */
export const userRouter = router({
  list: authedProcedure.input(listInput).query(({ ctx, input }) => ctx.runtime.users.list(serviceContext(ctx), input)),
  create: authedProcedure.input(createInput).mutation(({ ctx, input }) => ctx.runtime.users.create(serviceContext(ctx), input)),
  setDisabled: authedProcedure.input(disableInput).mutation(({ ctx, input }) => ctx.runtime.users.setDisabled(serviceContext(ctx), input.userId, input.disabled)),
  assign: authedProcedure.input(assignInput).mutation(({ ctx, input }) => ctx.runtime.users.assign(serviceContext(ctx), input.userId, input.assignments)),
  revoke: authedProcedure.input(revokeInput).mutation(({ ctx, input }) => ctx.runtime.users.revoke(serviceContext(ctx), input.userId, input.assignment)),
});
