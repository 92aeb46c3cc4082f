import type { Kysely } from 'kysely';

// Frozen: never import application code here.
export const migrations = {
  '2026-11-24-110-mediation-tables': {
    async up(db: Kysely<any>) {
      // Who sits on each case's panel, in which panel role.
      await db.schema
        .createTable('md_panel')
        .addColumn('mediation_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('drawn_at', 'text', (c) => c.notNull())
        .addColumn('released_at', 'text')
        .addPrimaryKeyConstraint('md_panel_pk', ['mediation_id', 'role'])
        .execute();
      await db.schema.createIndex('md_panel_user').on('md_panel').columns(['user_id', 'released_at']).execute();
      // A member marks themself unavailable (leave, conflict of interest).
      await db.schema
        .createTable('md_availability')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('available', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('md_session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('mediation_id', 'text', (c) => c.notNull())
        .addColumn('held_at', 'text', (c) => c.notNull())
        .addColumn('attendees', 'text', (c) => c.notNull())
        .addColumn('minutes', 'text', (c) => c.notNull())
        .addColumn('documents', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .execute();
      await db.schema.createIndex('md_session_case').on('md_session').column('mediation_id').execute();
      await db.schema
        .createTable('md_outcome')
        .addColumn('mediation_id', 'text', (c) => c.primaryKey())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('terms', 'text')
        .addColumn('reason', 'text')
        .addColumn('risk_type', 'text')
        .addColumn('difficulty', 'text')
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('md_follow_up')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('mediation_id', 'text', (c) => c.notNull())
        .addColumn('fulfilled', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // Court pushes: hashed keys, and each outcome's own delivery state back to the court.
      await db.schema
        .createTable('md_court_key')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('md_court_outbox')
        .addColumn('mediation_id', 'text', (c) => c.primaryKey())
        .addColumn('court_ref', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'text')
        .execute();
    },
  },
};
