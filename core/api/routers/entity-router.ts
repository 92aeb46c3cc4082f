import { serviceContext } from '../context';
import { schemaInput } from '../input-parser';
import { authedProcedure, router } from '../trpc';
import type { FilterValue } from '../../entities';
import { describeEntityVersion } from '../handlers/describe-entity';

const entityName = { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*$', maxLength: 48 } as const;
const recordId = { type: 'string', minLength: 1, maxLength: 64 } as const;
const data = { type: 'object' } as const;

// orgUnitId may be left out for cases: geo routing picks the grid from the location or address.
const createInput = schemaInput<{ entity: string; orgUnitId?: string; data: Record<string, unknown> }>({
  type: 'object',
  properties: { entity: entityName, orgUnitId: { type: 'string', minLength: 1, maxLength: 64 }, data },
  required: ['entity', 'data'],
  additionalProperties: false,
});
const getInput = schemaInput<{ entity: string; id: string }>({
  type: 'object',
  properties: { entity: entityName, id: recordId },
  required: ['entity', 'id'],
  additionalProperties: false,
});
const listInput = schemaInput<{
  entity: string;
  filter?: Record<string, FilterValue>;
  sort?: { field: string; dir?: 'asc' | 'desc' };
  limit?: number;
  cursor?: string | null;
  search?: string;
  orgUnit?: string;
}>({
  type: 'object',
  properties: {
    entity: entityName,
    filter: { type: 'object' },
    sort: {
      type: 'object',
      properties: { field: { type: 'string' }, dir: { enum: ['asc', 'desc'] } },
      required: ['field'],
      additionalProperties: false,
    },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    cursor: { type: ['string', 'null'], maxLength: 2000 },
    search: { type: 'string', maxLength: 200 },
    orgUnit: { type: 'string', maxLength: 64 },
  },
  required: ['entity'],
  additionalProperties: false,
});
const updateInput = schemaInput<{ entity: string; id: string; version: number; data: Record<string, unknown> }>({
  type: 'object',
  properties: { entity: entityName, id: recordId, version: { type: 'integer', minimum: 1 }, data },
  required: ['entity', 'id', 'version', 'data'],
  additionalProperties: false,
});
const deleteInput = schemaInput<{ entity: string; id: string; version: number }>({
  type: 'object',
  properties: { entity: entityName, id: recordId, version: { type: 'integer', minimum: 1 } },
  required: ['entity', 'id', 'version'],
  additionalProperties: false,
});

const describeInput = schemaInput<{ entity: string; version?: number }>({
  type: 'object',
  properties: { entity: entityName, version: { type: 'integer', minimum: 1 } },
  required: ['entity'],
  additionalProperties: false,
});

export const entityRouter = router({
  /** One entity for generic pages: schema, UI schema, queryable fields, workflow states. */
  /** With `version`: the definition a record of that schemaVersion was written with. */
  describe: authedProcedure
    .input(describeInput)
    .query(({ ctx, input }) => describeEntityVersion(ctx.runtime.db, ctx.runtime.registry.get(input.entity, ctx.lang), input.version, ctx.ability, ctx.lang)),
  definitions: authedProcedure.query(({ ctx }) =>
    ctx.runtime.registry.all().map((e) => ({ name: e.name, subject: e.subject, label: e.def.label, schema: e.def.schema, ui: e.def.ui ?? {}, version: e.version })),
  ),
  create: authedProcedure.input(createInput).mutation(({ ctx, input }) =>
    ctx.runtime.entities.create(serviceContext(ctx), input.entity, { orgUnitId: input.orgUnitId, data: input.data }),
  ),
  get: authedProcedure.input(getInput).query(({ ctx, input }) => ctx.runtime.entities.get(serviceContext(ctx), input.entity, input.id)),
  list: authedProcedure.input(listInput).query(({ ctx, input }) => {
    const { entity, ...query } = input;
    return ctx.runtime.entities.list(serviceContext(ctx), entity, query);
  }),
  update: authedProcedure.input(updateInput).mutation(({ ctx, input }) =>
    ctx.runtime.entities.update(serviceContext(ctx), input.entity, input.id, { version: input.version, data: input.data }),
  ),
  delete: authedProcedure.input(deleteInput).mutation(async ({ ctx, input }) => {
    await ctx.runtime.entities.delete(serviceContext(ctx), input.entity, input.id, input.version);
    return { id: input.id, deleted: true };
  }),
});
