import { sql, type Kysely } from 'kysely';
import type { GridworkDialect } from '../db';
import type { ColumnType } from './field-columns';
import { tableName } from './field-columns';
import type { EntityPlan } from './migration-plan';

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

/** Executes a plan's steps; the caller wraps it in a transaction. */
export async function applyPlan(db: Kysely<any>, dialect: GridworkDialect, plan: EntityPlan): Promise<void> {
  const table = tableName(plan.entity);
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
      case 'createIndex':
        await db.schema.createIndex(step.name).ifNotExists().on(table).columns(step.columns).execute();
        break;
      case 'dropIndex':
        await db.schema.dropIndex(step.name).ifExists().execute();
        break;
    }
  }
}
