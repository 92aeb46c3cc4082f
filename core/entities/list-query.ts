import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { GridworkDialect } from '../db';
import { ValidationError } from '../errors';
import { t, type Lang } from '../i18n';
import type { CompiledEntity } from './entity-registry';
import { QUERYABLE_SYSTEM_FIELDS, SYSTEM_COLUMNS, type SystemField } from './field-columns';
import { encodeValue } from './record-codec';

export type FilterOperand = string | number | boolean | null;
export type FilterValue =
  | FilterOperand
  | { eq?: FilterOperand; ne?: FilterOperand; in?: FilterOperand[]; gt?: FilterOperand; gte?: FilterOperand; lt?: FilterOperand; lte?: FilterOperand };

export interface ListQuery {
  filter?: Record<string, FilterValue>;
  sort?: { field: string; dir?: 'asc' | 'desc' };
  limit?: number;
  cursor?: string | null;
  /** Text matched against the entity's x-search fields. */
  search?: string;
  /** Only records in the subtree of this org unit. */
  orgUnit?: string;
  /** Extra condition from core code (workflow queues); never taken from request input. */
  where?: (eb: ExpressionBuilder<any, any>, table: string) => Expression<SqlBool>;
}

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

/** The column behind a queryable field name; anything else is refused (no unindexed scans). */
export function queryableColumn(entity: CompiledEntity, field: string, lang: Lang): { column: string; nullable: boolean; encode: (v: unknown) => unknown } {
  if ((QUERYABLE_SYSTEM_FIELDS as string[]).includes(field)) {
    return { column: SYSTEM_COLUMNS[field as SystemField], nullable: field === 'status' || field === 'createdBy', encode: (v) => v };
  }
  const col = entity.byField.get(field);
  const indexed = col && (col.indexed || entity.def.indexes?.some((ix) => ix.fields[0] === field));
  if (!col || !indexed) {
    throw new ValidationError(t(lang, 'validation.notFilterable', { field }), [
      { path: `/${field}`, message: t(lang, 'validation.notFilterable', { field }), code: 'notFilterable' },
    ]);
  }
  const required = entity.def.schema.required?.includes(field) ?? false;
  return { column: field, nullable: !required, encode: (v) => encodeValue(col.type, v) };
}

export function filterExpressions(eb: ExpressionBuilder<any, any>, entity: CompiledEntity, filter: Record<string, FilterValue>, lang: Lang): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  for (const [field, value] of Object.entries(filter)) {
    const { column, encode } = queryableColumn(entity, field, lang);
    const ref = eb.ref(column);
    if (value === null) {
      out.push(eb(ref, 'is', null));
      continue;
    }
    if (typeof value !== 'object') {
      out.push(eb(ref, '=', encode(value)));
      continue;
    }
    const ops: [keyof typeof value, string][] = [['eq', '='], ['ne', '<>'], ['gt', '>'], ['gte', '>='], ['lt', '<'], ['lte', '<=']];
    for (const [key, op] of ops) {
      const operand = (value as Record<string, FilterOperand>)[key];
      if (operand === undefined) continue;
      if (operand === null) out.push(eb(ref, key === 'ne' ? 'is not' : 'is', null));
      else out.push(eb(ref, op as '=', encode(operand)));
    }
    if (value.in) {
      out.push(value.in.length ? eb(ref, 'in', value.in.map(encode)) : sql<SqlBool>`1 = 0`);
    }
  }
  return out;
}

export function searchExpression(eb: ExpressionBuilder<any, any>, entity: CompiledEntity, text: string, dialect: GridworkDialect): Expression<SqlBool> | undefined {
  const term = text.trim();
  if (!term || !entity.searchFields.length) return undefined;
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return eb.or(
    entity.searchFields.map((f) => sql<SqlBool>`${sql.ref(f)} ${sql.raw(dialect.likeOperator)} ${pattern} escape '\\'`),
  );
}

export interface Cursor {
  value: unknown;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string, lang: Lang): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return { value: parsed[0], id: parsed[1] };
  } catch {
    // fall through to the error below
  }
  throw new ValidationError(t(lang, 'validation.badCursor'), [{ path: '/cursor', message: t(lang, 'validation.badCursor'), code: 'badCursor' }]);
}

/**
 * Keyset condition for "rows after the cursor" in (column, id) order. Row-value comparison lets
 * both databases seek in the (column, id) index instead of walking from the start. NULLs sort
 * lowest in SQLite and highest in PostgreSQL; the dialect says which, and null rows are kept.
 */
export function keysetExpression(
  eb: ExpressionBuilder<any, any>,
  column: string,
  nullable: boolean,
  dir: 'asc' | 'desc',
  cursor: Cursor,
  dialect: GridworkDialect,
): Expression<SqlBool> {
  const op = dir === 'asc' ? '>' : '<';
  const nullsAfter = (dir === 'asc') !== dialect.nullsAreSmallest;
  const col = sql.ref(column);
  if (column === 'id') return sql<SqlBool>`${col} ${sql.raw(op)} ${cursor.id}`;
  if (cursor.value === null) {
    const rest = sql<SqlBool>`(${col} is null and ${sql.ref('id')} ${sql.raw(op)} ${cursor.id})`;
    return nullsAfter ? rest : eb.or([rest, sql<SqlBool>`${col} is not null`]);
  }
  const after = sql<SqlBool>`(${col}, ${sql.ref('id')}) ${sql.raw(op)} (${cursor.value}, ${cursor.id})`;
  return nullable && nullsAfter ? eb.or([after, sql<SqlBool>`${col} is null`]) : after;
}
