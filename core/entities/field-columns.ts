import type { EntityDefinition, FieldSchema } from '../config/types.generated';

/** How a declared field is stored: scalars in typed columns, objects and arrays as JSON text. */
export type ColumnType = 'text' | 'real' | 'integer' | 'boolean' | 'json';

export interface FieldColumn {
  field: string;
  type: ColumnType;
  indexed: boolean;
  search: boolean;
  pii?: string;
  renamedFrom?: string;
}

export function columnTypeOf(schema: FieldSchema & { type?: unknown }): ColumnType {
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  switch (types[0]) {
    case 'string':
      return 'text';
    case 'number':
      return 'real';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      // object, array, or no type: JSON keeps whatever shape the schema allows.
      return 'json';
  }
}

export function fieldColumns(def: EntityDefinition): FieldColumn[] {
  return Object.entries(def.schema.properties).map(([field, schema]) => ({
    field,
    type: columnTypeOf(schema),
    indexed: schema['x-index'] === true,
    search: schema['x-search'] === true,
    ...(schema['x-pii'] ? { pii: schema['x-pii'] } : {}),
    ...(schema['x-renamedFrom'] ? { renamedFrom: schema['x-renamedFrom'] } : {}),
  }));
}

/** System columns every entity table has, by the name the API uses. */
export const SYSTEM_COLUMNS = {
  id: 'id',
  orgUnitId: 'org_unit_id',
  orgPath: 'org_path',
  status: 'status',
  version: 'version',
  schemaVersion: 'schema_version',
  createdAt: 'created_at',
  createdBy: 'created_by',
  updatedAt: 'updated_at',
  updatedBy: 'updated_by',
  deletedAt: 'deleted_at',
} as const;

export type SystemField = keyof typeof SYSTEM_COLUMNS;

/** System fields a list may filter and sort on (each has an index). */
export const QUERYABLE_SYSTEM_FIELDS: SystemField[] = ['id', 'status', 'orgUnitId', 'createdAt', 'updatedAt', 'createdBy'];

export const tableName = (entity: string) => `ent_${entity}`;

/** Index names are derived from the columns, so a renamed column shows up as a changed index. */
export function indexName(entity: string, columns: string[]): string {
  return `ix_${entity}_${columns.join('_')}`.slice(0, 63);
}

/** Indexes an entity's table should have: system ones, one per x-index field, and declared composites. */
export function desiredIndexes(def: EntityDefinition): { name: string; columns: string[] }[] {
  const out: { name: string; columns: string[] }[] = [
    { name: indexName(def.name, ['org_path', 'created_at']), columns: ['org_path', 'created_at', 'id'] },
    // "My grid" (myUnit) lists: equality on the unit, newest first, without a sort step.
    { name: indexName(def.name, ['org_unit_id', 'created_at']), columns: ['org_unit_id', 'created_at', 'id'] },
    { name: indexName(def.name, ['status', 'created_at']), columns: ['status', 'created_at', 'id'] },
    { name: indexName(def.name, ['created_at']), columns: ['created_at', 'id'] },
    { name: indexName(def.name, ['updated_at']), columns: ['updated_at', 'id'] },
  ];
  for (const col of fieldColumns(def)) {
    if (col.indexed) out.push({ name: indexName(def.name, [col.field]), columns: [col.field, 'id'] });
  }
  for (const ix of def.indexes ?? []) {
    out.push({ name: indexName(def.name, ix.fields), columns: [...ix.fields, 'id'] });
  }
  const seen = new Set<string>();
  return out.filter((ix) => !seen.has(ix.name) && seen.add(ix.name));
}
