export { ORG_IMPORT_FORMATS, ORG_IMPORT_KINDS, type ImportProgress, type ImportRow, type OrgImportFormat, type OrgImportKind, type Rejection } from './import-rows';
export { csvRows, CSV_COLUMNS } from './csv-rows';
export { geojsonRows } from './geojson-rows';
export { checkOrgImport, type CheckedImport, type OrgImportBase } from './check-import';
export { mergeGrids, mergeUnits } from './merge-by-id';
export { OrgImports, type DraftAccess, type OrgImportRequest, type OrgImportsDeps } from './org-imports';
export { ImportStatusStore, MAX_REJECTIONS, HEARTBEAT_MS, STALE_MS, KEEP_MS, type OrgImportStatus } from './import-status-store';
export { createOrgImports, orgImportsFor } from './runtime-imports';
