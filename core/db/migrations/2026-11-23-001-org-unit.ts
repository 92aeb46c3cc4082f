import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here; a migration must mean the same thing forever.
export function orgUnit(ctx: MigrationContext) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('org_unit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text')
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('path', ctx.dialect === 'postgres' ? sql`text collate "C"` : 'text', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('households', 'integer')
        .addColumn('population', 'integer')
        .addColumn('geometry', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('org_unit_path').on('org_unit').column('path').unique().execute();
      await db.schema.createIndex('org_unit_parent').on('org_unit').column('parent_id').execute();
      await db.schema.createIndex('org_unit_level_kind').on('org_unit').columns(['level', 'kind']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('org_unit').execute();
    },
  };
}
