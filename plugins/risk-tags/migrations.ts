import type { Kysely } from 'kysely';

// Frozen: never import application code here.
export const migrations = {
  '2026-11-24-210-risk-tags-tables': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('rt_case_tag')
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rt_case_tag_pk', ['record_id', 'tag'])
        .execute();
      await db.schema
        .createTable('rt_subject')
        .addColumn('subject_key', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('escalated_at', 'text')
        .execute();
      // One signal per subject and case; `at` is when the case was reported.
      await db.schema
        .createTable('rt_signal')
        .addColumn('subject_key', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('source_type', 'text', (c) => c.notNull())
        .addColumn('org_unit_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rt_signal_pk', ['subject_key', 'record_id'])
        .execute();
      await db.schema.createIndex('rt_signal_record').on('rt_signal').column('record_id').execute();
      await db.schema
        .createTable('rt_escalation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('subject_key', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('joint_case_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rt_escalation_subject').on('rt_escalation').columns(['subject_key', 'rule', 'at']).execute();
    },
  },
};
