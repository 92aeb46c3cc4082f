import { sql, type Kysely } from 'kysely';

// Frozen: never import application code here.
// Channel API keys (hashed), idempotency of channel posts, and dead letters of rejected payloads.
export function intake() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('channel_key')
        .addColumn('channel', 'text', (c) => c.primaryKey())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('key_hint', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('intake_request')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('response', 'text')
        .addColumn('record_id', 'text')
        .addColumn('dead_letter_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('intake_request_key').unique().on('intake_request').columns(['channel', 'idempotency_key']).execute();
      await db.schema
        .createTable('dead_letter')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('issues', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo(sql.lit('open')))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('record_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('resolved_by', 'text')
        .execute();
      await db.schema.createIndex('dead_letter_status').on('dead_letter').columns(['status', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['dead_letter', 'intake_request', 'channel_key']) await db.schema.dropTable(t).execute();
    },
  };
}
