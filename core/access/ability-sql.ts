import { rulesToAST } from '@casl/ability/extra';
import type { Condition } from '@ucast/mongo2js';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { subtreeBounds } from '../org';
import type { AppAbility } from './app-ability';

/**
 * How a condition's field reaches SQL for one table: a column, or an EXISTS over a related table
 * (assignments, a user's role units) for fields that are sets.
 */
export type SqlField =
  | { kind: 'column'; column: string }
  | { kind: 'exists'; build: (eb: ExpressionBuilder<any, any>, op: string, value: unknown) => Expression<SqlBool> };

export type FieldMap = (field: string) => SqlField | undefined;

const COMPARISON: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=', in: 'in', nin: 'not in' };

/**
 * CASL rules → a Kysely WHERE expression, written once (as @casl/prisma's accessibleBy is for
 * Prisma): the AST of the rules for (action, subject) with inverted rules as NOT, no rule at all
 * as "deny every row" and an unconditional rule as "every row".
 */
export function accessibleWhere(ability: AppAbility, action: string, subjectType: string, fields: FieldMap) {
  const ast = rulesToAST(ability, action, subjectType);
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => (ast ? toSql(eb, ast, fields) : sql<SqlBool>`1 = 0`);
}

function toSql(eb: ExpressionBuilder<any, any>, condition: Condition, fields: FieldMap): Expression<SqlBool> {
  const { operator, value } = condition as { operator: string; value: unknown };
  if (operator === 'and' || operator === 'or' || operator === 'not') {
    const parts = (value as Condition[]).map((c) => toSql(eb, c, fields));
    if (operator === 'not') return eb.not(parts.length === 1 ? parts[0] : eb.and(parts));
    // eb.and([]) is true and eb.or([]) false: the semantics CASL's empty lists mean.
    return operator === 'and' ? eb.and(parts) : eb.or(parts);
  }
  const field = (condition as unknown as { field: string }).field;
  const target = fields(field);
  if (!target) throw new Error(`permission condition on "${field}", which has no SQL mapping`);
  if (target.kind === 'exists') return target.build(eb, operator, value);
  return columnCondition(eb, target.column, operator, value);
}

export function columnCondition(eb: ExpressionBuilder<any, any>, column: string, operator: string, value: unknown): Expression<SqlBool> {
  const ref = eb.ref(column);
  if (operator === 'under') {
    const [lower, upper] = subtreeBounds(value as string);
    return eb.and([eb(ref, '>=', lower), eb(ref, '<', upper)]);
  }
  if (operator === 'exists') return value ? eb(ref, 'is not', null) : eb(ref, 'is', null);
  const op = COMPARISON[operator];
  if (!op) throw new Error(`permission operator "${operator}" has no SQL translation`);
  if (value === null) return operator === 'ne' ? eb(ref, 'is not', null) : eb(ref, 'is', null);
  if (op === 'in' || op === 'not in') {
    const list = value as unknown[];
    if (!list.length) return op === 'in' ? sql<SqlBool>`1 = 0` : sql<SqlBool>`1 = 1`;
    return eb(ref, op, list);
  }
  return eb(ref, op as '=', value);
}
