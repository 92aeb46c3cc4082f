import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// One row per applied version of each entity's schema: the definition as applied and the plan
// that took the table there, so a record's schema_version can always be rendered again.
export function entityVersion() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('entity_version')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('entity_version_pk', ['entity', 'version'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('entity_version').execute();
    },
  };
}
