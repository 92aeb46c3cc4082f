export { StudioService, type ConfigDiff, type Conversion, type FileChange } from './studio-service';
export { CONFIG_EXPORT_FORMAT, CONFIG_EXPORT_VERSION, exportedFiles, type ConfigExport } from './config-export';
export { ConfigStore, hashContent, manifestOf, type StoredVersion, type VersionSource, type DraftRow } from './config-store';
export { adoptConfigFiles } from './adopt-files';
export { kindOf, validateKind, CONFIG_FILE_KINDS, type ConfigFileKind } from './config-kinds';
export { studioSchemas } from './studio-schemas';
export { jsonChanges, gridChanges, type PointerChange } from './json-diff';
export { previewMigrations, type EntityMigration, type MigrationEffect, type MigrationRefusal } from './migration-preview';
