import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Duplicate candidates found on intake, and merges decided by dispatchers (split keeps the row).
export function caseDuplicate() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('case_duplicate')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('candidate_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('distance_m', 'double precision')
        .addColumn('text_similarity', 'double precision')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_duplicate_record').on('case_duplicate').columns(['entity', 'record_id']).execute();
      await db.schema.createIndex('case_duplicate_candidate').on('case_duplicate').columns(['entity', 'candidate_id']).execute();
      await db.schema
        .createTable('case_merge')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('primary_id', 'text', (c) => c.notNull())
        .addColumn('duplicate_id', 'text', (c) => c.notNull())
        .addColumn('merged_at', 'text', (c) => c.notNull())
        .addColumn('merged_by', 'text')
        .addColumn('split_at', 'text')
        .addColumn('split_by', 'text')
        .addColumn('outcome_at', 'text')
        .execute();
      await db.schema.createIndex('case_merge_primary').on('case_merge').columns(['entity', 'primary_id']).execute();
      await db.schema.createIndex('case_merge_duplicate').on('case_merge').columns(['entity', 'duplicate_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('case_merge').execute();
      await db.schema.dropTable('case_duplicate').execute();
    },
  };
}
