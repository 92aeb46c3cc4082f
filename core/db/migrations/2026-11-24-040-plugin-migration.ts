import type { Kysely } from 'kysely';

// Frozen: never import application code here.
// Which plugin migrations ran, under which plugin version: the migrator's own table knows only
// names, and an admin asking "what did silver-care 1.2 change here?" needs the plugin and version.
export function pluginMigration() {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('plugin_migration')
        .addColumn('plugin', 'text', (c) => c.notNull())
        .addColumn('migration', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plugin_migration_pk', ['plugin', 'migration'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('plugin_migration').execute();
    },
  };
}
