import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { FilterValue, ListQuery } from '../entities';

/**
 * What a figure counts, as the case list's query: `filter` and `orgUnit` are exactly what
 * `entity.list` takes; `related` adds a condition on the rows beside a case (clocks, events,
 * ratings, notices) that a plain filter cannot express. Count the drill-down and you get the figure.
 */
export interface DrillDown {
  entity: string;
  orgUnit?: string;
  filter: Record<string, FilterValue>;
  related?: RelatedCondition;
}

export type RelatedCondition =
  | { kind: 'clock'; clock: string; status: string[]; from: string; to: string }
  | { kind: 'transition'; transitions: string[]; from: string; to: string }
  | { kind: 'rating'; ratings: number[]; from: string; to: string }
  | { kind: 'overdue' }
  | { kind: 'supervised' };

// `id in (select record_id …)` rather than EXISTS: both databases can then start from the few
// related rows (open notices, breached clocks) instead of probing every case in the scope.
function related(eb: ExpressionBuilder<any, any>, table: string, entity: string, c: RelatedCondition): Expression<SqlBool> {
  const ids = (from: string) => eb.selectFrom(`${from} as x`).select('x.record_id').where('x.entity', '=', entity);
  const within = (qb: any, column: string, lo: string, hi: string) => qb.where(`x.${column}`, '>=', lo).where(`x.${column}`, '<', hi);
  const id = eb.ref(`${table}.id`);
  switch (c.kind) {
    case 'clock':
      return eb(id, 'in', within(ids('case_clock').where('x.clock', '=', c.clock).where('x.status', 'in', c.status.length ? c.status : ['']), 'started_at', c.from, c.to));
    case 'transition':
      return eb(id, 'in', within(ids('case_event').where('x.type', '=', 'transition').where('x.transition', 'in', c.transitions.length ? c.transitions : ['']), 'at', c.from, c.to));
    case 'rating':
      return eb(id, 'in', within(ids('satisfaction').where('x.rating', 'in', c.ratings.length ? c.ratings : [0]), 'at', c.from, c.to));
    case 'overdue':
      return eb(id, 'in', ids('case_clock').where('x.status', '=', 'breached').where('x.stopped_at', 'is', null));
    case 'supervised':
      return eb(id, 'in', ids('notice').where('x.kind', '=', 'supervision').where('x.status', '=', 'open'));
  }
}

/** The list query behind a drill-down (never built from raw SQL in the request). */
export function drillQuery(drill: DrillDown): Omit<ListQuery, 'sort' | 'cursor' | 'limit'> {
  return {
    filter: drill.filter,
    orgUnit: drill.orgUnit,
    where: drill.related ? (eb, table) => related(eb, table, drill.entity, drill.related!) : undefined,
  };
}

/** The JSON Schema of a drill-down as request input. */
export const drillDownSchema = {
  type: 'object',
  properties: {
    entity: { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*$', maxLength: 48 },
    orgUnit: { type: 'string', maxLength: 64 },
    filter: { type: 'object', maxProperties: 12 },
    related: {
      type: 'object',
      properties: {
        kind: { enum: ['clock', 'transition', 'rating', 'overdue', 'supervised'] },
        clock: { type: 'string', maxLength: 48 },
        status: { type: 'array', items: { type: 'string', maxLength: 32 }, maxItems: 10 },
        transitions: { type: 'array', items: { type: 'string', maxLength: 48 }, maxItems: 20 },
        ratings: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 5 }, maxItems: 5 },
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
      },
      required: ['kind'],
      additionalProperties: false,
    },
  },
  required: ['entity', 'filter'],
  additionalProperties: false,
} as const;
