import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Where geo routing sent each case and why (grid by polygon, nearest grid, address, manual queue).
export function caseRouting() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('case_routing')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('grid_id', 'text')
        .addColumn('distance_m', 'double precision')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('departments', 'text')
        .addColumn('source_system', 'text')
        .addColumn('source_lng', 'double precision')
        .addColumn('source_lat', 'double precision')
        .addColumn('lng', 'double precision')
        .addColumn('lat', 'double precision')
        .addPrimaryKeyConstraint('case_routing_pk', ['entity', 'record_id'])
        .execute();
      await db.schema.createIndex('case_routing_method').on('case_routing').columns(['method', 'at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('case_routing').execute();
    },
  };
}
