import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// A case's life beside its record: the timeline, SLA clocks, supervision notices, co-handling
// tasks, unit notifications (addressed to unit + role, never copied per user) and ratings.
export function workflow() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('case_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('transition', 'text')
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text')
        .addColumn('unit_id', 'text')
        .addColumn('data', 'text')
        .execute();
      await db.schema.createIndex('case_event_record').on('case_event').columns(['entity', 'record_id', 'id']).execute();
      await db.schema
        .createTable('case_clock')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text')
        .addColumn('clock', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('breached_at', 'text')
        .addColumn('stopped_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_clock_record').on('case_clock').columns(['entity', 'record_id', 'clock']).execute();
      await db.schema.createIndex('case_clock_status_due').on('case_clock').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('case_clock_unit').on('case_clock').columns(['unit_id', 'status']).execute();
      await db.schema
        .createTable('notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('clock_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closed_reason', 'text')
        .execute();
      await db.schema.createIndex('notice_record').on('notice').columns(['entity', 'record_id']).execute();
      await db.schema.createIndex('notice_unit').on('notice').columns(['unit_id', 'kind', 'status']).execute();
      await db.schema
        .createTable('case_task')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('lead', 'integer', (c) => c.notNull())
        .addColumn('completion', 'text', (c) => c.notNull())
        .addColumn('on_complete', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('done_by', 'text')
        .addColumn('result', 'text')
        .execute();
      await db.schema.createIndex('case_task_record').on('case_task').columns(['entity', 'record_id']).execute();
      await db.schema.createIndex('case_task_unit').on('case_task').columns(['unit_id', 'status']).execute();
      await db.schema
        .createTable('notification')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text')
        .addColumn('record_id', 'text')
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('data', 'text')
        .execute();
      await db.schema.createIndex('notification_unit').on('notification').columns(['unit_id', 'role', 'at']).execute();
      await db.schema
        .createTable('satisfaction')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('round', 'integer', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addUniqueConstraint('satisfaction_round', ['entity', 'record_id', 'round'])
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['satisfaction', 'notification', 'case_task', 'notice', 'case_clock', 'case_event']) await db.schema.dropTable(t).execute();
    },
  };
}
