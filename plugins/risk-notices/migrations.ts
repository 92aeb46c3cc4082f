import type { Kysely } from 'kysely';

// Frozen: never import application code here.
export const migrations = {
  '2026-11-24-210-risk-notices-tables': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('rn_meeting')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('held_at', 'text', (c) => c.notNull())
        .addColumn('attendees', 'text', (c) => c.notNull())
        .addColumn('agenda', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rn_meeting_kind').on('rn_meeting').columns(['kind', 'held_at']).execute();
      await db.schema
        .createTable('rn_decision')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rn_decision_meeting').on('rn_decision').column('meeting_id').execute();
      // Reminder notices (风险提醒单) and supervision notices (风险督办单); a supervision notice
      // points at the reminder it follows up.
      await db.schema
        .createTable('rn_notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('decision_id', 'text')
        .addColumn('meeting_id', 'text')
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .addColumn('evidence', 'text')
        .execute();
      await db.schema.createIndex('rn_notice_status_deadline').on('rn_notice').columns(['status', 'deadline_at']).execute();
      await db.schema.createIndex('rn_notice_unit').on('rn_notice').columns(['unit_id', 'kind']).execute();
      await db.schema.createIndex('rn_notice_parent').on('rn_notice').column('parent_id').execute();
    },
  },
};
