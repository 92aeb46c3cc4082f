import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { accessibleWhere, type FieldMap } from '../access';
import { ForbiddenError } from '../errors';
import { t, type Lang } from '../i18n';
import type { OrgDirectory } from '../org';
import type { ServiceContext } from '../entities';

/**
 * The reader's case scope as a condition on a roll-up's path column. The same CASL rules that
 * narrow `EntityService.scopedQuery` are translated, with the access fields a roll-up row has:
 * `orgPath` (the column) and `orgUnitId` (a unit is exactly its path). A rule on anything a
 * roll-up cannot see (assignments, the creator, data fields) cannot be answered from counters:
 * the dashboard refuses rather than show figures outside the reader's reach.
 */
export function rollupScope(
  db: Kysely<any>,
  ctx: ServiceContext,
  subject: string,
  org: OrgDirectory,
  table: string,
  pathColumn: string,
): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> {
  if (!ctx.ability) return (eb) => eb.and([]);
  const fields: FieldMap = (field) => {
    if (field === 'orgPath') return { kind: 'column', column: pathColumn };
    if (field === 'orgUnitId') {
      return {
        kind: 'exists',
        build: (eb, op, value) => {
          const ids = (Array.isArray(value) ? value : [value]) as string[];
          const paths = ids.map((id) => org.get(id)?.path ?? `#${id}`);
          if (op === 'eq' || op === 'in') return eb(pathColumn, 'in', paths);
          if (op === 'ne' || op === 'nin') return eb(pathColumn, 'not in', paths);
          throw new Error(`operator ${op} on orgUnitId`);
        },
      };
    }
    return undefined;
  };
  const where = accessibleWhere(ctx.ability, 'read', subject, fields);
  try {
    // Translation happens while compiling: compile once to learn whether the rules fit.
    db.selectFrom(table).select(pathColumn).where(where).compile();
  } catch {
    throw new ForbiddenError(t(ctx.lang as Lang, 'dashboard.scopeUnsupported'));
  }
  return where;
}
