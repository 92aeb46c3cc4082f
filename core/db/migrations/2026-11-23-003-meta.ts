import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Small key/value facts about this database: which district it serves, what seed has run.
export function meta() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('gridwork_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('gridwork_meta').execute();
    },
  };
}
