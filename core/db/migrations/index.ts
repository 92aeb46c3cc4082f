import type { Migration } from 'kysely/migration';
import { orgUnit } from './2026-11-23-001-org-unit';
import { entityVersion } from './2026-11-23-002-entity-version';
import { meta } from './2026-11-23-003-meta';
import { auth } from './2026-11-23-004-auth';
import { access } from './2026-11-23-005-access';
import { auditLog } from './2026-11-23-006-audit-log';
import { job } from './2026-11-23-007-job';
import { workflow } from './2026-11-23-008-workflow';
import { pluginMigration } from './2026-11-24-040-plugin-migration';
import { caseRouting } from './2026-11-24-031-case-routing';
import { caseSignal } from './2026-11-24-032-case-signal';
import { caseDuplicate } from './2026-11-24-033-case-duplicate';
import { classifierModel } from './2026-11-24-034-classifier-model';
import { intake } from './2026-11-24-021-intake';
import { upload } from './2026-11-24-022-upload';
import { outbox } from './2026-11-24-023-outbox';
import { rollup } from './2026-11-24-060-rollup';
import { broadcast } from './2026-11-24-061-broadcast';
import { realtime } from './2026-11-24-062-realtime';
import { configVersion } from './2026-11-24-070-config-version';
import { orgImport } from './2026-11-24-075-org-import';
import { configBlobUsed } from './2026-11-24-076-config-blob-used';
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
    '2026-11-23-004-auth': auth(ctx),
    '2026-11-23-005-access': access(),
    '2026-11-23-006-audit-log': auditLog(ctx),
    '2026-11-23-007-job': job(ctx),
    '2026-11-23-008-workflow': workflow(),
    '2026-11-24-040-plugin-migration': pluginMigration(),
    '2026-11-24-021-intake': intake(),
    '2026-11-24-022-upload': upload(),
    '2026-11-24-023-outbox': outbox(),
    '2026-11-24-031-case-routing': caseRouting(),
    '2026-11-24-032-case-signal': caseSignal(),
    '2026-11-24-033-case-duplicate': caseDuplicate(),
    '2026-11-24-034-classifier-model': classifierModel(),
    '2026-11-24-060-rollup': rollup(ctx),
    '2026-11-24-061-broadcast': broadcast(ctx),
    '2026-11-24-062-realtime': realtime(ctx),
    '2026-11-24-070-config-version': configVersion(),
    '2026-11-24-075-org-import': orgImport(ctx),
    '2026-11-24-076-config-blob-used': configBlobUsed(ctx),
  };
}
