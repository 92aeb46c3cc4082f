import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// Roll-up counters for the command-centre dashboard, kept by triggers in the same transaction as
// each write (the triggers depend on the district's entities and time zone, so the runtime
// installs them). Keys never hold NULL (PostgreSQL primary keys cannot): '' stands for "none".
export function rollup(ctx: MigrationContext) {
  const pathType = ctx.dialect === 'postgres' ? 'text collate "C"' : 'text';
  const real = ctx.dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<any>) {
      // Cases by the local day they were created, where they are, and what they are now.
      await db.schema
        .createTable('case_rollup')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('org_path', sql.raw(pathType), (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_rollup_pk', ['entity', 'day', 'org_path', 'category', 'channel', 'status'])
        .execute();
      await db.schema.createIndex('case_rollup_path').on('case_rollup').columns(['entity', 'org_path', 'day']).execute();
      // SLA clocks by the local day they started, the unit that owns them, and their outcome.
      await db.schema
        .createTable('clock_rollup')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('unit_path', sql.raw(pathType), (c) => c.notNull())
        .addColumn('clock', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('stopped_n', 'integer', (c) => c.notNull())
        .addColumn('minutes', sql.raw(real), (c) => c.notNull())
        .addPrimaryKeyConstraint('clock_rollup_pk', ['entity', 'day', 'unit_path', 'clock', 'status'])
        .execute();
      await db.schema.createIndex('clock_rollup_path').on('clock_rollup').columns(['entity', 'unit_path', 'day']).execute();
      // Append-only facts of a case (transitions fired, ratings given) by local day and case place.
      await db.schema
        .createTable('fact_rollup')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('org_path', sql.raw(pathType), (c) => c.notNull())
        .addColumn('fact', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('fact_rollup_pk', ['entity', 'day', 'org_path', 'fact'])
        .execute();
      await db.schema.createIndex('fact_rollup_path').on('fact_rollup').columns(['entity', 'org_path', 'day']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['fact_rollup', 'clock_rollup', 'case_rollup']) await db.schema.dropTable(t).execute();
    },
  };
}
