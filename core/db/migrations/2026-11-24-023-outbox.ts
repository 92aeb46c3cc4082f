import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Outbound legs: one row per case × destination × trigger, each with its own delivery state.
export function outbox() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('leg', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('adapter', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_leg').unique().on('outbox').columns(['record_id', 'channel', 'leg', 'trigger']).execute();
      await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'updated_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('outbox').execute();
    },
  };
}
