export { childPath, subtreeBounds, isInSubtree } from './org-path';
export { importOrgUnits, orgUnitRows, type OrgUnitRow } from './import-org-units';
export { OrgDirectory, type OrgUnitInfo } from './org-directory';
export { gridCollection, gridFeatures, type GridFeature, type GridFeatureCollection } from './grid-geometry';
