import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// Broadcast instructions are stored once with the scope they reach (fan-out on read): an inbox is
// a query by path prefix, and a per-recipient row exists only once someone reads or acknowledges.
export function broadcast(ctx: MigrationContext) {
  const pathType = ctx.dialect === 'postgres' ? 'text collate "C"' : 'text';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('broadcast')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('scope_unit_id', 'text', (c) => c.notNull())
        .addColumn('scope_path', sql.raw(pathType), (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('broadcast_scope').on('broadcast').columns(['scope_path', 'created_at']).execute();
      await db.schema
        .createTable('broadcast_receipt')
        .addColumn('broadcast_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addPrimaryKeyConstraint('broadcast_receipt_pk', ['broadcast_id', 'user_id'])
        .execute();
      await db.schema.createIndex('broadcast_receipt_unit').on('broadcast_receipt').columns(['broadcast_id', 'unit_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('broadcast_receipt').execute();
      await db.schema.dropTable('broadcast').execute();
    },
  };
}
