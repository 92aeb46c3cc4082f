import { ConfigError } from '../errors';
import type { EntityDefinition } from '../config/types.generated';
import { desiredIndexes, fieldColumns, type ColumnType, type FieldColumn } from './field-columns';

export type PlanStep =
  | { op: 'createTable'; columns: { field: string; type: ColumnType }[] }
  | { op: 'addColumn'; field: string; type: ColumnType }
  | { op: 'renameColumn'; from: string; to: string }
  | { op: 'retireColumn'; field: string; as: string }
  | { op: 'createIndex'; name: string; columns: string[] }
  | { op: 'dropIndex'; name: string };

export interface EntityPlan {
  entity: string;
  fromVersion: number;
  toVersion: number;
  steps: PlanStep[];
}

/** Column a removed field's values move to: '__' cannot occur in a field name, so it never collides. */
export const retiredColumnName = (field: string, version: number) => `${field}__removed_v${version}`;
export const RETIRED_COLUMN = /^(.+)__removed_v(\d+)$/;

/**
 * What it takes to bring an entity's table from the applied definition to the declared one.
 * No step loses data: a removed field's column is renamed aside, a renamed field keeps its column.
 * A change of storage type is refused here (the studio offers explicit conversions).
 */
export function planEntityMigration(
  previous: { def: EntityDefinition; version: number } | undefined,
  next: EntityDefinition,
): EntityPlan {
  const toVersion = (previous?.version ?? 0) + 1;
  const nextCols = fieldColumns(next);
  const nextIndexes = desiredIndexes(next);
  if (!previous) {
    return {
      entity: next.name,
      fromVersion: 0,
      toVersion,
      steps: [
        { op: 'createTable', columns: nextCols.map(({ field, type }) => ({ field, type })) },
        ...nextIndexes.map((ix) => ({ op: 'createIndex' as const, ...ix })),
      ],
    };
  }
  const prevCols = new Map(fieldColumns(previous.def).map((c) => [c.field, c]));
  const nextNames = new Set(nextCols.map((c) => c.field));
  const columnSteps: PlanStep[] = [];
  const consumed = new Set<string>();
  const typeChanges: string[] = [];
  const checkType = (prev: FieldColumn, col: FieldColumn) => {
    if (prev.type !== col.type) typeChanges.push(`${col.field}: ${prev.type} → ${col.type}`);
  };
  for (const col of nextCols) {
    const same = prevCols.get(col.field);
    if (same) {
      consumed.add(col.field);
      checkType(same, col);
      continue;
    }
    const from = col.renamedFrom ? prevCols.get(col.renamedFrom) : undefined;
    if (from && !nextNames.has(from.field) && !consumed.has(from.field)) {
      consumed.add(from.field);
      checkType(from, col);
      columnSteps.push({ op: 'renameColumn', from: from.field, to: col.field });
      continue;
    }
    columnSteps.push({ op: 'addColumn', field: col.field, type: col.type });
  }
  for (const field of prevCols.keys()) {
    if (!consumed.has(field)) columnSteps.push({ op: 'retireColumn', field, as: retiredColumnName(field, toVersion) });
  }
  if (typeChanges.length) {
    throw new ConfigError(`entity ${next.name}: changing a field's storage type needs an explicit conversion (${typeChanges.join('; ')})`, [
      ...typeChanges.map((c) => ({ path: `/schema/properties/${c.split(':')[0]}/type`, message: `type change ${c.split(': ')[1]} needs a conversion` })),
    ]);
  }
  const prevIndexes = desiredIndexes(previous.def);
  const prevNames = new Set(prevIndexes.map((ix) => ix.name));
  const keep = new Set(nextIndexes.map((ix) => ix.name));
  return {
    entity: next.name,
    fromVersion: previous.version,
    toVersion,
    steps: [
      // Indexes go first (a retired column's index must not outlive it) and come back last.
      ...prevIndexes.filter((ix) => !keep.has(ix.name)).map((ix) => ({ op: 'dropIndex' as const, name: ix.name })),
      ...columnSteps,
      ...nextIndexes.filter((ix) => !prevNames.has(ix.name)).map((ix) => ({ op: 'createIndex' as const, ...ix })),
    ],
  };
}
