export { createDatabase, redact, type DatabaseHandle, type DatabaseOptions } from './create-database';
export type { GridworkDialect, DialectName } from './dialect-adapter';
export { migrateToLatest, type MigrateResult } from './migrate';
export { insertRows } from './insert-rows';
