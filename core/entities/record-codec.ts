import type { CompiledEntity } from './entity-registry';
import type { ColumnType } from './field-columns';
import { RETIRED_COLUMN } from './migration-plan';

/** A record as the API returns it: system fields beside the declared `data`. */
export interface EntityRecord {
  id: string;
  entity: string;
  orgUnitId: string;
  status: string | null;
  version: number;
  schemaVersion: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  data: Record<string, unknown>;
}

export function encodeValue(type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'json':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 1 : 0;
    default:
      return value;
  }
}

function decodeValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type) {
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'boolean':
      return value === 1 || value === true || value === '1';
    case 'real':
    case 'integer':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}

/** Declared fields → column values (every declared column present, absent fields as NULL). */
export function encodeData(entity: CompiledEntity, data: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const col of entity.columns) row[col.field] = encodeValue(col.type, data[col.field]);
  return row;
}

export function decodeRow(entity: CompiledEntity, row: Record<string, any>): EntityRecord {
  const data: Record<string, unknown> = {};
  for (const col of entity.columns) {
    const value = decodeValue(col.type, row[col.field]);
    if (value !== undefined) data[col.field] = value;
  }
  return {
    id: row.id,
    entity: entity.name,
    orgUnitId: row.org_unit_id,
    status: row.status ?? null,
    version: Number(row.version),
    schemaVersion: Number(row.schema_version),
    createdAt: row.created_at,
    createdBy: row.created_by ?? null,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ?? null,
    data,
  };
}

/** Values of fields removed by earlier versions, kept in retired columns: for history and export. */
export function retiredValues(row: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    const m = RETIRED_COLUMN.exec(column);
    if (m && value !== null && value !== undefined) out[`${m[1]}@v${m[2]}`] = value;
  }
  return out;
}
