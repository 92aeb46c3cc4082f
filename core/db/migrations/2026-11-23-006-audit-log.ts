import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// The append-only, hash-chained audit log. `seq` is the chain order; the application always
// supplies it (last + 1, under a lock) so a rolled-back transaction cannot leave a gap the way a
// PostgreSQL sequence would; the serial default is only a fallback for hand-written inserts.
export function auditLog(ctx: MigrationContext) {
  // Indexed text compares byte-wise on PostgreSQL: ISO timestamps and ids sort correctly that way,
  // and a linguistic collation (en_US, zh_CN) would make every index insert pay for strcoll.
  const key = ctx.dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', ctx.dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          ctx.dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', key, (c) => c.notNull())
        .addColumn('actor_id', key)
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', key, (c) => c.notNull())
        .addColumn('subject_id', key)
        .addColumn('diff', 'text')
        .addColumn('request_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'seq']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'seq']).execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('audit_log').execute();
    },
  };
}
