import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
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

function related(eb: ExpressionBuilder<any, any>, table: string, entity: string, c: RelatedCondition): Expression<SqlBool> {
  const own = (t: string) => (qb: any) => qb.where(`${t}.entity`, '=', entity).whereRef(`${t}.record_id`, '=', `${table}.id`);
  switch (c.kind) {
    case 'clock':
      return eb.exists(
        own('c')(eb.selectFrom('case_clock as c').select(sql`1`.as('one')))
          .where('c.clock', '=', c.clock)
          .where('c.status', 'in', c.status.length ? c.status : [''])
          .where('c.started_at', '>=', c.from)
          .where('c.started_at', '<', c.to),
      );
    case 'transition':
      return eb.exists(
        own('e')(eb.selectFrom('case_event as e').select(sql`1`.as('one')))
          .where('e.type', '=', 'transition')
          .where('e.transition', 'in', c.transitions.length ? c.transitions : [''])
          .where('e.at', '>=', c.from)
          .where('e.at', '<', c.to),
      );
    case 'rating':
      return eb.exists(
        own('s')(eb.selectFrom('satisfaction as s').select(sql`1`.as('one')))
          .where('s.rating', 'in', c.ratings.length ? c.ratings : [0])
          .where('s.at', '>=', c.from)
          .where('s.at', '<', c.to),
      );
    case 'overdue':
      return eb.exists(own('c')(eb.selectFrom('case_clock as c').select(sql`1`.as('one'))).where('c.status', '=', 'breached').where('c.stopped_at', 'is', null));
    case 'supervised':
      return eb.exists(own('n')(eb.selectFrom('notice as n').select(sql`1`.as('one'))).where('n.kind', '=', 'supervision').where('n.status', '=', 'open'));
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
