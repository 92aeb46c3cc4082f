export { GroupCommit, type TransactionWork } from './group-commit';
export { affectedRows, preparedQuery, type PreparedValues } from './prepared-query';
export { createDatabase, redact, type DatabaseHandle, type DatabaseOptions } from './create-database';
export type { GridworkDialect, DialectName } from './dialect-adapter';
export { migrateToLatest, type MigrateResult } from './migrate';
export { insertRows } from './insert-rows';
