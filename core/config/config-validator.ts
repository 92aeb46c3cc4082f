import type { ValidateFunction } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import { createAjv } from './ajv';
import { readSchemas, SCHEMA_FILES, schemaId, type SchemaFile } from './schema-files';

export interface ConfigValidators {
  ajv: Ajv2020;
  district: ValidateFunction;
  orgUnits: ValidateFunction;
  grids: ValidateFunction;
  entity: ValidateFunction;
  workflow: ValidateFunction;
}

let cached: ConfigValidators | undefined;

/** Compiled validators of the config schemas; compiled once per process. */
export function configValidators(): ConfigValidators {
  if (cached) return cached;
  const ajv = createAjv();
  const schemas = readSchemas();
  for (const file of SCHEMA_FILES) ajv.addSchema(schemas[file]);
  const get = (file: SchemaFile) => ajv.getSchema(schemaId(file))!;
  cached = {
    ajv,
    district: get('district.schema.json'),
    orgUnits: get('org-units.schema.json'),
    grids: get('grids.schema.json'),
    entity: get('entity.schema.json'),
    workflow: get('workflow.schema.json'),
  };
  return cached;
}
