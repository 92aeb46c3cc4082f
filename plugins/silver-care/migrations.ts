import type { Kysely } from 'kysely';

// Frozen: never import application code here.
export const migrations = {
  '2026-11-24-100-silver-care-tables': {
    async up(db: Kysely<any>) {
      // Device keys (hashed) and what each device last said.
      await db.schema
        .createTable('sc_device')
        .addColumn('device_id', 'text', (c) => c.primaryKey())
        .addColumn('elder_id', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text')
        .addColumn('battery', 'integer')
        .addColumn('heart_rate', 'integer')
        .addColumn('silent_alerted_at', 'text')
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .execute();
      // One row per telemetry event id: a replay returns the stored result.
      await db.schema
        .createTable('sc_telemetry')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sc_alert')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('elder_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('case_id', 'text')
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('responded_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('sc_alert_case').on('sc_alert').column('case_id').execute();
      await db.schema.createIndex('sc_alert_status').on('sc_alert').columns(['status', 'kind']).execute();
      await db.schema
        .createTable('sc_reading')
        .addColumn('elder_id', 'text', (c) => c.notNull())
        .addColumn('meter', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('value', 'real', (c) => c.notNull())
        .addPrimaryKeyConstraint('sc_reading_pk', ['elder_id', 'meter', 'day'])
        .execute();
      await db.schema
        .createTable('sc_dose')
        .addColumn('elder_id', 'text', (c) => c.notNull())
        .addColumn('medication', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'text')
        .addPrimaryKeyConstraint('sc_dose_pk', ['elder_id', 'medication', 'due_at'])
        .execute();
      await db.schema.createIndex('sc_dose_status').on('sc_dose').columns(['status', 'due_at']).execute();
    },
  },
};
