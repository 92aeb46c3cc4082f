import type { Migration } from 'kysely/migration';
import { orgUnit } from './2026-11-23-001-org-unit';
import { entityVersion } from './2026-11-23-002-entity-version';
import { meta } from './2026-11-23-003-meta';
import type { MigrationContext } from './migration-context';

/**
 * The core migrations as a static map (not a folder scan), so a bundler cannot lose one.
 * Names sort by date; Kysely applies them in name order.
 */
export function coreMigrations(ctx: MigrationContext): Record<string, Migration> {
  return {
    '2026-11-23-001-org-unit': orgUnit(ctx),
    '2026-11-23-002-entity-version': entityVersion(),
    '2026-11-23-003-meta': meta(),
  };
}
