export { EntityService, MAX_RECORD_BYTES, type AuditSink, type CreateHook, type WriteHook, type WriteEvent, type BeforeCreateHook, type AfterCreateHook, type CreateDraft, type CreateInput, type UpdateInput, type ListResult } from './entity-service';
export { EntityRegistry, type CompiledEntity } from './entity-registry';
export { syncEntities, latestVersion, definitionAt, retiredColumns, recordAndApply } from './sync-entities';
export {
  planEntityMigration,
  planEntityChange,
  RESTORE_CONVERSION,
  retiredColumnName,
  type EntityPlan,
  type PlanStep,
  type PlanOptions,
  type PlannedChange,
  type RetiredColumn,
  type TypeChange,
  type RenameCollision,
} from './migration-plan';
export { applyPlan, type ConversionReport } from './apply-plan';
export { conversionsFor } from './column-conversions';
export { fieldColumns, desiredIndexes, tableName, SYSTEM_COLUMNS, type FieldColumn, type ColumnType } from './field-columns';
export type { EntityRecord } from './record-codec';
export type { ListQuery, FilterValue } from './list-query';
export { systemContext, type ServiceContext } from './service-context';
export { recordFieldMap } from './record-fields';
export { newRecordId } from './record-id';
