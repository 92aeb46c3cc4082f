import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// Durable timers: a due job is a row, so it survives restarts and any instance may fire it.
export function job(ctx: MigrationContext) {
  // ISO timestamps and dedupe keys are compared and range-scanned (key prefixes): byte order on
  // PostgreSQL, as SQLite compares text anyway, and no strcoll cost on every index insert.
  const bytewise = ctx.dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('job')
        .addColumn('id', bytewise, (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', bytewise)
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('due_at', bytewise, (c) => c.notNull())
        .addColumn('status', bytewise, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', bytewise)
        .addColumn('last_error', 'text')
        .addColumn('created_at', bytewise, (c) => c.notNull())
        .addColumn('done_at', bytewise)
        .execute();
      // One pending timer per key, not one row per key for ever: a fired or cancelled
      // 'clock:<case>:respond' must not stop the same clock from being set again later, and a
      // handler may set its own key's next timer while its row is still 'running'. It also
      // serves cancelling by key or key prefix, which only ever touches pending rows.
      await db.schema.createIndex('job_pending_key').on('job').column('key').unique().where(sql.ref('status'), '=', 'pending').execute();
      // The claim: pending rows in due order, and running rows whose lock may have expired.
      await db.schema.createIndex('job_status_due').on('job').columns(['status', 'due_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('job').execute();
    },
  };
}
