import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CompiledEntity } from '../entities';

export type QueueKind = 'mine' | 'unit' | 'overdue' | 'supervised' | 'open';

/**
 * The extra condition of a work queue. It is added to the entity service's list, so it always
 * runs inside the actor's scope (the choke point), never instead of it.
 */
export function queueCondition(entity: CompiledEntity, kind: QueueKind, options: { units: string[]; unit?: string; now: Date }) {
  const finals = (entity.workflow?.states ?? []).filter((s) => s.final).map((s) => s.key);
  const open = (eb: ExpressionBuilder<any, any>, table: string) =>
    finals.length ? eb.or([eb(eb.ref(`${table}.status`), "is", null), eb(eb.ref(`${table}.status`), "not in", finals)]) : sql<SqlBool>`1 = 1`;
  return (eb: ExpressionBuilder<any, any>, table: string): Expression<SqlBool> => {
    const id = `${table}.id`;
    switch (kind) {
      case 'open':
        return open(eb, table);
      case 'mine':
      case 'unit': {
        const units = kind === 'unit' ? [options.unit ?? ''] : options.units;
        if (!units.length) return sql<SqlBool>`1 = 0`;
        return eb.and([
          open(eb, table),
          eb.exists(
            eb
              .selectFrom('record_assignment as ra')
              .select(sql`1`.as('one'))
              .where('ra.entity', '=', entity.name)
              .whereRef('ra.record_id', '=', id as never)
              .where('ra.unit_id', 'in', units)
              .where('ra.kind', 'in', ['responsible', 'handler']),
          ),
        ]);
      }
      case 'overdue':
        return eb.exists(
          eb
            .selectFrom('case_clock as c')
            .select(sql`1`.as('one'))
            .where('c.entity', '=', entity.name)
            .whereRef('c.record_id', '=', id as never)
            .where('c.stopped_at', 'is', null)
            .where((inner) => inner.or([inner('c.status', '=', 'breached'), inner.and([inner('c.status', '=', 'running'), inner('c.due_at', '<', options.now.toISOString())])])),
        );
      case 'supervised':
        return eb.exists(
          eb
            .selectFrom('notice as n')
            .select(sql`1`.as('one'))
            .where('n.entity', '=', entity.name)
            .whereRef('n.record_id', '=', id as never)
            .where('n.kind', '=', 'supervision')
            .where('n.status', '=', 'open'),
        );
    }
  };
}
