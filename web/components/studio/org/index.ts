export { OrgTreeEditor } from './org-tree-editor';
export { OrgImport, httpImportTransport, type OrgImportTransport } from './org-import';
export { ImportReport } from './import-report';
export { GridInspector } from './grid-inspector';
export type { GridCollection, OrgUnit } from './org-model';
