import { ConfigError } from '../errors';
import type { EntityDefinition } from '../config/types.generated';
import { conversionsFor } from './column-conversions';
import { desiredIndexes, fieldColumns, type ColumnType, type FieldColumn } from './field-columns';

export type PlanStep =
  | { op: 'createTable'; columns: { field: string; type: ColumnType }[] }
  | { op: 'addColumn'; field: string; type: ColumnType }
  | { op: 'renameColumn'; from: string; to: string }
  | { op: 'retireColumn'; field: string; as: string }
  /** A field that comes back (a rollback, a re-added field): its retired column is renamed back, values and all. */
  | { op: 'restoreColumn'; from: string; to: string }
  /** A storage type change with an explicit conversion: the old column is retired (kept), a new one filled. */
  | { op: 'convertColumn'; field: string; from: ColumnType; to: ColumnType; conversion: string; keepAs: string }
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

/** A column holding a removed field's values, as the entity's version history records it. */
export interface RetiredColumn {
  column: string;
  field: string;
  type: ColumnType;
}

export interface TypeChange {
  field: string;
  from: ColumnType;
  to: ColumnType;
  /** Conversions that could be chosen; empty when none applies. */
  conversions: string[];
}

export interface RenameCollision {
  field: string;
  from: string;
  /** 'targetExists': the new name is already a field; the old one's values would land on it. */
  reason: 'targetExists';
}

export interface PlanOptions {
  /** Retired columns still in the table: a field that comes back gets its values back. */
  retired?: RetiredColumn[];
  /** field → conversion, for fields whose storage type changes. */
  conversions?: Record<string, string>;
  /**
   * A type change back to a type the field had: take the retired column of that type back without
   * being asked (a rollback across a conversion gets the original values, not converted ones).
   */
  preferRestore?: boolean;
}

/** The conversion that swaps a type-changed field's column for its retired column of the target type. */
export const RESTORE_CONVERSION = 'restore';

export interface PlannedChange {
  plan: EntityPlan;
  /** Type changes without a (valid) conversion: the plan must not be applied. */
  typeChanges: TypeChange[];
  collisions: RenameCollision[];
}

/**
 * What it takes to bring an entity's table from the applied definition to the declared one.
 * No step loses data: a removed field's column is renamed aside, a renamed field keeps its column,
 * a field that comes back takes its retired column back, a type change keeps the old column.
 * What cannot be planned without losing data (a type change with no conversion chosen, a rename
 * onto an existing field) is reported, not planned.
 */
export function planEntityChange(
  previous: { def: EntityDefinition; version: number } | undefined,
  next: EntityDefinition,
  options: PlanOptions = {},
): PlannedChange {
  const toVersion = (previous?.version ?? 0) + 1;
  const nextCols = fieldColumns(next);
  const nextIndexes = desiredIndexes(next);
  if (!previous) {
    return {
      plan: {
        entity: next.name,
        fromVersion: 0,
        toVersion,
        steps: [
          { op: 'createTable', columns: nextCols.map(({ field, type }) => ({ field, type })) },
          ...nextIndexes.map((ix) => ({ op: 'createIndex' as const, ...ix })),
        ],
      },
      typeChanges: [],
      collisions: [],
    };
  }
  const prevCols = new Map(fieldColumns(previous.def).map((c) => [c.field, c]));
  const nextNames = new Set(nextCols.map((c) => c.field));
  const columnSteps: PlanStep[] = [];
  const convertSteps: PlanStep[] = [];
  const consumed = new Set<string>();
  const typeChanges: TypeChange[] = [];
  const collisions: RenameCollision[] = [];
  const retired = [...(options.retired ?? [])];
  const newestRetired = (field: string, type: ColumnType) =>
    retired.filter((r) => r.field === field && r.type === type).sort((a, b) => retiredVersion(b.column) - retiredVersion(a.column))[0];
  const swapped = new Set<string>();
  const checkType = (prev: FieldColumn, col: FieldColumn) => {
    if (prev.type === col.type) return;
    const back = newestRetired(col.field, col.type);
    const offered = [...conversionsFor(prev.type, col.type), ...(back ? [RESTORE_CONVERSION] : [])];
    const chosen = options.conversions?.[col.field] ?? (back && options.preferRestore ? RESTORE_CONVERSION : undefined);
    if (chosen === RESTORE_CONVERSION && back) {
      // The current column is retired in turn: nothing is lost either way.
      retired.splice(retired.indexOf(back), 1);
      swapped.add(col.field);
      convertSteps.push({ op: 'retireColumn', field: col.field, as: retiredColumnName(col.field, toVersion) }, { op: 'restoreColumn', from: back.column, to: col.field });
    } else if (chosen && offered.includes(chosen)) {
      convertSteps.push({ op: 'convertColumn', field: col.field, from: prev.type, to: col.type, conversion: chosen, keepAs: retiredColumnName(col.field, toVersion) });
    } else {
      typeChanges.push({ field: col.field, from: prev.type, to: col.type, conversions: offered });
    }
  };
  for (const col of nextCols) {
    const same = prevCols.get(col.field);
    if (same) {
      consumed.add(col.field);
      if (col.renamedFrom && col.renamedFrom !== col.field && prevCols.has(col.renamedFrom) && !nextNames.has(col.renamedFrom)) {
        collisions.push({ field: col.field, from: col.renamedFrom, reason: 'targetExists' });
      }
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
    // The newest retired column of this field, if its type still fits, comes back with its values.
    const back = newestRetired(col.field, col.type);
    if (back) {
      retired.splice(retired.indexOf(back), 1);
      columnSteps.push({ op: 'restoreColumn', from: back.column, to: col.field });
      continue;
    }
    columnSteps.push({ op: 'addColumn', field: col.field, type: col.type });
  }
  for (const field of prevCols.keys()) {
    if (!consumed.has(field)) columnSteps.push({ op: 'retireColumn', field, as: retiredColumnName(field, toVersion) });
  }
  const prevIndexes = desiredIndexes(previous.def);
  const prevNames = new Set(prevIndexes.map((ix) => ix.name));
  const keep = new Set(nextIndexes.map((ix) => ix.name));
  // A converted column's index is on the old column: drop it and build it again on the new one.
  const converted = new Set([...convertSteps.filter((s) => s.op === 'convertColumn').map((s) => (s as { field: string }).field), ...swapped]);
  const rebuilt = (ix: { columns: string[] }) => ix.columns.some((c) => converted.has(c));
  return {
    plan: {
      entity: next.name,
      fromVersion: previous.version,
      toVersion,
      steps: [
        // Indexes go first (a retired column's index must not outlive it) and come back last.
        ...prevIndexes.filter((ix) => !keep.has(ix.name) || rebuilt(ix)).map((ix) => ({ op: 'dropIndex' as const, name: ix.name })),
        ...columnSteps,
        ...convertSteps,
        ...nextIndexes.filter((ix) => !prevNames.has(ix.name) || rebuilt(ix)).map((ix) => ({ op: 'createIndex' as const, ...ix })),
      ],
    },
    typeChanges,
    collisions,
  };
}

const retiredVersion = (column: string) => Number(RETIRED_COLUMN.exec(column)?.[2] ?? 0);

/** planEntityChange for start-up: anything that needs a decision stops it with a ConfigError. */
export function planEntityMigration(
  previous: { def: EntityDefinition; version: number } | undefined,
  next: EntityDefinition,
  options: PlanOptions = {},
): EntityPlan {
  const { plan, typeChanges, collisions } = planEntityChange(previous, next, options);
  if (typeChanges.length) {
    const list = typeChanges.map((c) => `${c.field}: ${c.from} → ${c.to}`);
    throw new ConfigError(
      `entity ${next.name}: changing a field's storage type needs an explicit conversion (${list.join('; ')})`,
      typeChanges.map((c) => ({ path: `/schema/properties/${c.field}/type`, message: `type change ${c.from} → ${c.to} needs a conversion` })),
    );
  }
  if (collisions.length) {
    throw new ConfigError(
      `entity ${next.name}: a rename collides with an existing field (${collisions.map((c) => `${c.from} → ${c.field}`).join('; ')})`,
      collisions.map((c) => ({ path: `/schema/properties/${c.field}/x-renamedFrom`, message: `"${c.from}" cannot be renamed to "${c.field}": that field exists` })),
    );
  }
  return plan;
}
