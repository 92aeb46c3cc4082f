import { sql, type Kysely } from 'kysely';
import type { GridworkDialect } from '../db';
import type { ColumnType } from './field-columns';
import { tableName } from './field-columns';
import { convertValue } from './column-conversions';
import type { EntityPlan, PlanStep } from './migration-plan';

function sqlType(type: ColumnType, dialect: GridworkDialect) {
  switch (type) {
    case 'real':
      return sql.raw(dialect.realType);
    case 'integer':
      return sql.raw(dialect.bigintType);
    case 'boolean':
      // 0/1 on both dialects, so filters and roll-ups read the same everywhere.
      return sql.raw('integer');
    default:
      return sql.raw('text');
  }
}

export interface ConversionReport {
  field: string;
  conversion: string;
  /** Values converted. */
  records: number;
  /** Values that could not be converted: empty in the field, kept in the retired column. */
  failed: number;
  keptIn: string;
}

/** Executes a plan's steps; the caller wraps it in a transaction. */
export async function applyPlan(db: Kysely<any>, dialect: GridworkDialect, plan: EntityPlan): Promise<ConversionReport[]> {
  const table = tableName(plan.entity);
  const reports: ConversionReport[] = [];
  for (const step of plan.steps) {
    switch (step.op) {
      case 'createTable': {
        let builder = db.schema
          .createTable(table)
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_unit_id', 'text', (c) => c.notNull())
          .addColumn('org_path', dialect.bytewiseTextType, (c) => c.notNull())
          .addColumn('status', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('schema_version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .addColumn('deleted_at', 'text');
        for (const col of step.columns) builder = builder.addColumn(col.field, sqlType(col.type, dialect));
        await builder.execute();
        break;
      }
      case 'addColumn':
        await db.schema.alterTable(table).addColumn(step.field, sqlType(step.type, dialect)).execute();
        break;
      case 'renameColumn':
        await db.schema.alterTable(table).renameColumn(step.from, step.to).execute();
        break;
      case 'retireColumn':
        await db.schema.alterTable(table).renameColumn(step.field, step.as).execute();
        break;
      case 'restoreColumn':
        await db.schema.alterTable(table).renameColumn(step.from, step.to).execute();
        break;
      case 'convertColumn': {
        await db.schema.alterTable(table).renameColumn(step.field, step.keepAs).execute();
        await db.schema.alterTable(table).addColumn(step.field, sqlType(step.to, dialect)).execute();
        reports.push({ ...(await convertValues(db, dialect, table, step)), field: step.field, conversion: step.conversion, keptIn: step.keepAs });
        break;
      }
      case 'createIndex':
        await db.schema.createIndex(step.name).ifNotExists().on(table).columns(step.columns).execute();
        break;
      case 'dropIndex':
        await db.schema.dropIndex(step.name).ifExists().execute();
        break;
    }
  }
  return reports;
}

/** Rows converted per UPDATE: a CASE over ids keeps a million-row table to a few thousand statements. */
const CONVERT_BATCH = 500;

/** Fills a converted column from the retired one, batch by batch in the caller's transaction. */
async function convertValues(
  db: Kysely<any>,
  dialect: GridworkDialect,
  table: string,
  step: Extract<PlanStep, { op: 'convertColumn' }>,
): Promise<{ records: number; failed: number }> {
  let records = 0;
  let failed = 0;
  let after = '';
  const type = sqlType(step.to, dialect);
  for (;;) {
    const rows = await db.selectFrom(table).select(['id', `${step.keepAs} as v`]).where(step.keepAs, 'is not', null).where('id', '>', after).orderBy('id').limit(CONVERT_BATCH).execute();
    if (!rows.length) break;
    const converted: { id: string; value: unknown }[] = [];
    for (const row of rows) {
      const value = convertValue(step.conversion, row.v, step.from, step.to);
      if (value === undefined) failed++;
      else converted.push({ id: row.id, value: step.to === 'boolean' ? Number(value) : value });
    }
    if (converted.length) {
      const arms = sql.join(converted.map((c) => sql`when ${c.id} then cast(${c.value} as ${type})`), sql` `);
      await db
        .updateTable(table)
        .set({ [step.field]: sql`case id ${arms} end` })
        .where('id', 'in', converted.map((c) => c.id))
        .execute();
      records += converted.length;
    }
    after = rows[rows.length - 1].id;
  }
  return { records, failed };
}
