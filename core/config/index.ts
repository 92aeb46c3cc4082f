export { checkDistrict, checkDistrictFiles, loadDistrict, readDistrictFiles, formatIssues, type CheckResult } from './load-district';
export { configFileSet } from './config-source';
export type { DistrictBundle, OrgUnitSpec } from './district-bundle';
export { CORE_SUBJECTS, RESERVED_FIELDS, entitySubject } from './core-subjects';
export { createAjv, ajvIssues } from './ajv';
export type * from './types.generated';
export { checkPlugins, type PluginManifest } from './plugin-check';
export { checkChannels, channelEntity, DATE_PATTERN } from './channel-check';
export { parsePointer, readPointer, writePointer, escapePointerSegment } from './json-pointer';
