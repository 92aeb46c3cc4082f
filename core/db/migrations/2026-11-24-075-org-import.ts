import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// Org/grid imports' status and report: a row per import, so a status poll answers on any instance
// and after a restart. The owner process refreshes heartbeat_at while the import runs; a running
// row whose heartbeat has gone quiet reads as interrupted.
export function orgImport(ctx: MigrationContext) {
  // Timestamps are compared (stale heartbeats, retention): byte order on PostgreSQL, as on SQLite.
  const bytewise = ctx.dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('org_import')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('district', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('dry_run', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('processed', 'integer', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        // JSON: the first rejections in file order (capped); `rejected` holds the full count.
        .addColumn('rejections', 'text', (c) => c.notNull())
        .addColumn('applied', 'integer', (c) => c.notNull())
        .addColumn('added', 'integer')
        .addColumn('replaced', 'integer')
        .addColumn('error', 'text')
        .addColumn('issues', 'text')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', bytewise, (c) => c.notNull())
        .addColumn('heartbeat_at', bytewise, (c) => c.notNull())
        .addColumn('finished_at', bytewise)
        .execute();
      // Retention deletes by age.
      await db.schema.createIndex('org_import_created').on('org_import').column('created_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('org_import').execute();
    },
  };
}
