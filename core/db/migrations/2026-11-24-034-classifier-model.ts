import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Category suggestion models trained on the district's closed cases; the newest row is in use.
export function classifierModel() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('classifier_model')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('trained_at', 'text', (c) => c.notNull())
        .addColumn('samples', 'integer', (c) => c.notNull())
        .addColumn('accuracy', 'double precision')
        .addColumn('model', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('classifier_model_entity').on('classifier_model').columns(['entity', 'trained_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('classifier_model').execute();
    },
  };
}
