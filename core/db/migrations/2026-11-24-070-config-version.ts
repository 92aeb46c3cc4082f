import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// The district's config as published versions: files stored once by content hash (the grids of a
// city run to megabytes and rarely change), a manifest per version (path → hash), and one shared
// draft of changed files with a revision each for optimistic concurrency.
export function configVersion() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('config_blob')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('config_version')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('manifest', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('config_draft_file')
        .addColumn('path', 'text', (c) => c.primaryKey())
        .addColumn('content', 'text')
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('base_version', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('config_draft_file').execute();
      await db.schema.dropTable('config_version').execute();
      await db.schema.dropTable('config_blob').execute();
    },
  };
}
