import type { Kysely } from 'kysely';

// Frozen: never import application code here.
export const migrations = {
  '2026-11-24-200-hazard-watch-tables': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('hw_enterprise')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('address', 'text')
        .addColumn('lng', 'real')
        .addColumn('lat', 'real')
        .execute();
      await db.schema
        .createTable('hw_source')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('grade', 'integer', (c) => c.notNull())
        .addColumn('lng', 'real')
        .addColumn('lat', 'real')
        .addColumn('in_service', 'integer', (c) => c.notNull())
        .addColumn('inspect_every_days', 'integer', (c) => c.notNull())
        .addColumn('last_inspected_at', 'text')
        .execute();
      await db.schema.createIndex('hw_source_enterprise').on('hw_source').column('enterprise_id').execute();
      // One row per alarm id from the monitoring system: a replay finds it and changes nothing.
      await db.schema
        .createTable('hw_alarm')
        .addColumn('alarm_id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('cleared_at', 'text')
        .addColumn('clear_minutes', 'integer')
        .addColumn('cleared_by', 'text')
        .addColumn('clear_note', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('hw_alarm_status').on('hw_alarm').columns(['status', 'source_id']).execute();
      await db.schema.createIndex('hw_alarm_case').on('hw_alarm').column('case_id').execute();
      // Monitoring-system keys, kept hashed.
      await db.schema
        .createTable('hw_key')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
