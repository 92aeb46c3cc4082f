import { drillDownSchema, drillQuery, type DrillDown, type FiguresInput } from '../../dashboard';
import { serviceContext } from '../context';
import { schemaInput } from '../input-parser';
import { authedProcedure, router } from '../trpc';

const day = { type: 'string', maxLength: 10 } as const;
const figuresInput = schemaInput<FiguresInput>({
  type: 'object',
  properties: { entity: { type: 'string', maxLength: 48 }, unit: { type: 'string', maxLength: 64 }, from: day, to: day },
  additionalProperties: false,
});
const drillInput = schemaInput<{ drill: DrillDown; limit?: number; cursor?: string | null }>({
  type: 'object',
  properties: { drill: drillDownSchema, limit: { type: 'integer', minimum: 1, maximum: 200 }, cursor: { type: ['string', 'null'], maxLength: 2000 } },
  required: ['drill'],
  additionalProperties: false,
});

/** The command centre: figures for my scope, and the cases behind any of them. */
export const dashboardRouter = router({
  figures: authedProcedure.input(figuresInput).query(({ ctx, input }) => ctx.runtime.dashboard.figures(serviceContext(ctx), input)),
  /** The cases a figure counts: the same scoped list the case pages use. */
  cases: authedProcedure.input(drillInput).query(({ ctx, input }) =>
    ctx.runtime.entities.list(serviceContext(ctx), input.drill.entity, { ...drillQuery(input.drill), limit: input.limit, cursor: input.cursor }),
  ),
  hotSpots: authedProcedure
    .input(schemaInput<FiguresInput & { baselineDays?: number }>({
      type: 'object',
      properties: { entity: { type: 'string', maxLength: 48 }, unit: { type: 'string', maxLength: 64 }, from: day, to: day, baselineDays: { type: 'integer', minimum: 7, maximum: 180 } },
      additionalProperties: false,
    }))
    .query(({ ctx, input }) => ctx.runtime.dashboard.hotSpots(serviceContext(ctx), input)),
  map: authedProcedure
    .input(schemaInput<{ entity?: string; unit?: string; limit?: number }>({
      type: 'object',
      properties: { entity: { type: 'string', maxLength: 48 }, unit: { type: 'string', maxLength: 64 }, limit: { type: 'integer', minimum: 1, maximum: 5000 } },
      additionalProperties: false,
    }))
    .query(({ ctx, input }) => ctx.runtime.dashboard.map(serviceContext(ctx), input)),
  count: authedProcedure.input(drillInput).query(({ ctx, input }) => ctx.runtime.entities.count(serviceContext(ctx), input.drill.entity, drillQuery(input.drill))),
});
