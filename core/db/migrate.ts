import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import type { GridworkDialect } from './dialect-adapter';
import { coreMigrations } from './migrations';

export interface MigrateResult {
  applied: string[];
}

/**
 * Brings the schema up to date: core migrations plus any extra sets (plugins add theirs here).
 * A failed migration throws, so start-up and CI fail with the migration's name and cause.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  dialect: GridworkDialect,
  extra: Record<string, Migration> = {},
): Promise<MigrateResult> {
  const migrations = { ...coreMigrations({ dialect: dialect.name }), ...extra };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'gridwork_migration',
    migrationLockTableName: 'gridwork_migration_lock',
    // A plugin installed later may carry migrations dated before ones already applied.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
