import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Resumable uploads: the bytes live in files under DATA_DIR/uploads; this row tracks progress and what was found.
export function upload() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('upload')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('received', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text')
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('exif', 'text')
        .addColumn('has_thumbnail', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('upload').execute();
    },
  };
}
