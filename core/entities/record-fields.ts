import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { columnCondition, type FieldMap } from '../access/ability-sql';
import type { CompiledEntity } from './entity-registry';

/** Access fields of a record (what scopes refer to) and where each lives in SQL. */
export function recordFieldMap(entity: CompiledEntity): FieldMap {
  const assignment = (column: 'unit_id' | 'user_id') => ({
    kind: 'exists' as const,
    build: (eb: ExpressionBuilder<any, any>, op: string, value: unknown) =>
      eb.exists(
        eb
          .selectFrom('record_assignment as ra')
          .select(sql`1`.as('one'))
          .where('ra.entity', '=', entity.name)
          .whereRef('ra.record_id', '=', `${entity.table}.id` as never)
          .where((inner) => columnCondition(inner, `ra.${column}`, op, value)),
      ) as unknown as ReturnType<typeof sql<SqlBool>>,
  });
  const system: Record<string, string> = {
    id: 'id',
    orgUnitId: 'org_unit_id',
    orgPath: 'org_path',
    createdBy: 'created_by',
    status: 'status',
  };
  return (field) => {
    if (field in system) return { kind: 'column', column: system[field] };
    if (field === 'assignedUnitIds') return assignment('unit_id');
    if (field === 'assignedUserIds') return assignment('user_id');
    if (entity.byField.has(field)) return { kind: 'column', column: field };
    return undefined;
  };
}
