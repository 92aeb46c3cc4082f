export { SchemaForm } from './schema-form';
export { buildFormModel, inferWidget, type FormModel, type FieldModel } from './form-model';
export { submission, pointerToField } from './form-values';
export { loadValidator } from './lazy-validator';
export { preloadWidgets } from './lazy-widget';
export type { SchemaFormProps, FormContext, FieldIssue, JsonSchema, SelectOption, OrgUnitOption, GridFeatureCollection } from './types';
export { zoneOffsetMinutes, offsetText, toZonedInput, fromZonedInput, timeInZone, timeWithZone } from './zoned-time';
