import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// Roll-up counters for the command-centre dashboard, kept by triggers in the same transaction as
// each write (the triggers depend on the district's entities and time zone, so the runtime
// installs them). Keys never hold NULL (PostgreSQL primary keys cannot): '' stands for "none".
export function rollup(ctx: MigrationContext) {
  const pathType = ctx.dialect === 'postgres' ? 'text collate "C"' : 'text';
  const real = ctx.dialect === 'postgres' ? 'double precision' : 'real';
  // SQLite: rows stored in key order (no rowid), so a scan of a key range reads the counters
  // themselves. A window is read as one key range per day: (entity, day, org_path…) serves any
  // scope and any window with seeks, and needs no second index to keep up on every write.
  const clustered = <T extends { modifyEnd(m: unknown): T }>(b: T): T => (ctx.dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b);
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
        .$call(clustered)
        .execute();
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
        .$call(clustered)
        .execute();
      // Append-only facts of a case (transitions fired, ratings given) by local day and case place.
      await db.schema
        .createTable('fact_rollup')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('org_path', sql.raw(pathType), (c) => c.notNull())
        .addColumn('fact', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('fact_rollup_pk', ['entity', 'day', 'org_path', 'fact'])
        .$call(clustered)
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['fact_rollup', 'clock_rollup', 'case_rollup']) await db.schema.dropTable(t).execute();
    },
  };
}
