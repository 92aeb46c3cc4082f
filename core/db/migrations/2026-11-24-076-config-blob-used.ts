import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

// Frozen: never import application code here.
// When a config blob was last written or reused by a version being recorded. Collection removes
// only unreferenced blobs unused for a grace period, so it never races a recording that is about
// to reference a blob it found. Existing blobs count as used now: the grace period starts here.
export function configBlobUsed(ctx: MigrationContext) {
  const bytewise = ctx.dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('config_blob').addColumn('used_at', bytewise).execute();
      await db.updateTable('config_blob').set({ used_at: new Date().toISOString() }).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('config_blob').dropColumn('used_at').execute();
    },
  };
}
