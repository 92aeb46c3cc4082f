import type { Kysely } from 'kysely';

// Frozen: never import application code here.
export const migrations = {
  '2026-11-24-220-grid-alliance-tables': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('ga_deliberation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_unit_id', 'text', (c) => c.notNull())
        .addColumn('org_path', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('tally', 'text')
        .addColumn('decision', 'text')
        .addColumn('decided_at', 'text')
        .execute();
      await db.schema.createIndex('ga_deliberation_path').on('ga_deliberation').column('org_path').execute();
      await db.schema.createIndex('ga_deliberation_due').on('ga_deliberation').columns(['status', 'deadline']).execute();
      // One vote per voter (a person, or a member unit through its representative).
      await db.schema
        .createTable('ga_vote')
        .addColumn('deliberation_id', 'text', (c) => c.notNull())
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('option', 'text', (c) => c.notNull())
        .addColumn('cast_by', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ga_vote_pk', ['deliberation_id', 'voter'])
        .execute();
      await db.schema
        .createTable('ga_comment')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('deliberation_id', 'text', (c) => c.notNull())
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ga_comment_deliberation').on('ga_comment').column('deliberation_id').execute();
      // Which cases came in through the alliance (网格报事), and from which member.
      await db.schema
        .createTable('ga_report')
        .addColumn('record_id', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text')
        .addColumn('reported_by', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
