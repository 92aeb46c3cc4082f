import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// What duplicate detection looks up on every new case: place (a ~1 km cell), category, time and a
// MinHash of the text, banded (near-identical texts share a band).
export function caseSignal() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('case_signal')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('channel', 'text')
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('lng', 'double precision')
        .addColumn('lat', 'double precision')
        .addColumn('cell', 'text')
        .addColumn('minhash', 'text')
        .addPrimaryKeyConstraint('case_signal_pk', ['entity', 'record_id'])
        .execute();
      await db.schema.createIndex('case_signal_category_cell').on('case_signal').columns(['entity', 'category', 'cell', 'reported_at']).execute();
      await db.schema.createIndex('case_signal_cell').on('case_signal').columns(['entity', 'cell', 'reported_at']).execute();
      await db.schema
        .createTable('case_text_band')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('band', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_text_band_lookup').on('case_text_band').columns(['entity', 'band', 'reported_at', 'record_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('case_text_band').execute();
      await db.schema.dropTable('case_signal').execute();
    },
  };
}
