import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../runtime/paths';

/** The config schemas, in dependency order (common first). */
export const SCHEMA_FILES = [
  'common.schema.json',
  'district.schema.json',
  'org-units.schema.json',
  'grids.schema.json',
  'entity.schema.json',
  'workflow.schema.json',
] as const;

export type SchemaFile = (typeof SCHEMA_FILES)[number];

export function schemaDir(): string {
  return path.join(repoRoot(), 'configs', 'schema');
}

export function readSchemas(): Record<SchemaFile, Record<string, unknown>> {
  const out = {} as Record<SchemaFile, Record<string, unknown>>;
  for (const file of SCHEMA_FILES) {
    out[file] = JSON.parse(readFileSync(path.join(schemaDir(), file), 'utf8'));
  }
  return out;
}

export const schemaId = (file: SchemaFile) => `https://gridwork.dev/schema/${file}`;
