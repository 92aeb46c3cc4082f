import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../config';
import { ConfigError } from '../errors';
import { planEntityChange, planEntityMigration } from './migration-plan';

const base: EntityDefinition = {
  name: 'visitLog',
  label: { 'zh-CN': '走访记录' },
  schema: {
    type: 'object',
    properties: {
      elderName: { type: 'string', title: '老人姓名', 'x-pii': 'name' },
      visitedAt: { type: 'string', format: 'date-time', title: '走访时间', 'x-index': true },
      notes: { type: 'string', title: '情况' },
    },
  },
};

const withProps = (properties: Record<string, unknown>, extra: Partial<EntityDefinition> = {}): EntityDefinition =>
  ({ ...base, ...extra, schema: { type: 'object', properties } }) as EntityDefinition;

describe('entity migration planner', () => {
  it('creates the table and its indexes for a new entity', () => {
    const plan = planEntityMigration(undefined, base);
    expect(plan.toVersion).toBe(1);
    expect(plan.steps[0]).toEqual({
      op: 'createTable',
      columns: [
        { field: 'elderName', type: 'text' },
        { field: 'visitedAt', type: 'text' },
        { field: 'notes', type: 'text' },
      ],
    });
    expect(plan.steps.filter((s) => s.op === 'createIndex').map((s) => (s as { name: string }).name)).toContain('ix_visitLog_visitedAt');
  });

  it('adds a column for a new field', () => {
    const next = withProps({ ...base.schema.properties, mood: { type: 'integer', title: '精神状态' } });
    expect(planEntityMigration({ def: base, version: 1 }, next).steps).toEqual([{ op: 'addColumn', field: 'mood', type: 'integer' }]);
  });

  it('renames a column for x-renamedFrom, keeping its index under the new name', () => {
    const { visitedAt, ...rest } = base.schema.properties;
    const next = withProps({ ...rest, visitTime: { ...visitedAt, 'x-renamedFrom': 'visitedAt' } });
    const plan = planEntityMigration({ def: base, version: 3 }, next);
    expect(plan).toMatchObject({ fromVersion: 3, toVersion: 4 });
    expect(plan.steps).toEqual([
      { op: 'dropIndex', name: 'ix_visitLog_visitedAt' },
      { op: 'renameColumn', from: 'visitedAt', to: 'visitTime' },
      { op: 'createIndex', name: 'ix_visitLog_visitTime', columns: ['visitTime', 'id'] },
    ]);
  });

  it('retires a removed field instead of dropping its values', () => {
    const { notes: _notes, ...rest } = base.schema.properties;
    const plan = planEntityMigration({ def: base, version: 1 }, withProps(rest));
    expect(plan.steps).toEqual([{ op: 'retireColumn', field: 'notes', as: 'notes__removed_v2' }]);
  });

  it('drops and creates indexes when x-index changes', () => {
    const next = withProps({
      ...base.schema.properties,
      visitedAt: { type: 'string', format: 'date-time', title: '走访时间' },
      notes: { type: 'string', title: '情况', 'x-index': true },
    });
    expect(planEntityMigration({ def: base, version: 1 }, next).steps).toEqual([
      { op: 'dropIndex', name: 'ix_visitLog_visitedAt' },
      { op: 'createIndex', name: 'ix_visitLog_notes', columns: ['notes', 'id'] },
    ]);
  });

  it('refuses a storage type change without a conversion', () => {
    const next = withProps({ ...base.schema.properties, notes: { type: 'array', title: '情况', items: { type: 'string' } } });
    expect(() => planEntityMigration({ def: base, version: 1 }, next)).toThrow(ConfigError);
    expect(() => planEntityMigration({ def: base, version: 1 }, next)).toThrow(/notes: text → json/);
  });

  it('a label-only change is a version with no steps', () => {
    const plan = planEntityMigration({ def: base, version: 1 }, { ...base, label: { 'zh-CN': '入户走访' } });
    expect(plan.steps).toEqual([]);
    expect(plan.toVersion).toBe(2);
  });

  it('restores a retired column when its field comes back, instead of adding an empty one', () => {
    const { notes: _notes, ...rest } = base.schema.properties;
    const retired = [
      { column: 'notes__removed_v2', field: 'notes', type: 'text' as const },
      { column: 'notes__removed_v4', field: 'notes', type: 'text' as const },
      { column: 'mood__removed_v3', field: 'mood', type: 'integer' as const },
    ];
    const { plan } = planEntityChange({ def: withProps(rest), version: 5 }, base, { retired });
    // The newest retired column of the field wins.
    expect(plan.steps).toEqual([{ op: 'restoreColumn', from: 'notes__removed_v4', to: 'notes' }]);
  });

  it('adds a fresh column when the retired one had another storage type', () => {
    const { notes: _notes, ...rest } = base.schema.properties;
    const { plan } = planEntityChange({ def: withProps(rest), version: 2 }, base, { retired: [{ column: 'notes__removed_v2', field: 'notes', type: 'real' }] });
    expect(plan.steps).toEqual([{ op: 'addColumn', field: 'notes', type: 'text' }]);
  });

  it('reports a type change with the conversions on offer, and plans it once one is chosen', () => {
    const next = withProps({ ...base.schema.properties, notes: { type: 'number', title: '情况' } });
    const refused = planEntityChange({ def: base, version: 1 }, next);
    expect(refused.typeChanges).toEqual([{ field: 'notes', from: 'text', to: 'real', conversions: ['parseNumber'] }]);
    expect(refused.plan.steps).toEqual([]);
    const chosen = planEntityChange({ def: base, version: 1 }, next, { conversions: { notes: 'parseNumber' } });
    expect(chosen.typeChanges).toEqual([]);
    expect(chosen.plan.steps).toEqual([{ op: 'convertColumn', field: 'notes', from: 'text', to: 'real', conversion: 'parseNumber', keepAs: 'notes__removed_v2' }]);
    // A conversion that does not fit the change is no choice at all.
    expect(planEntityChange({ def: base, version: 1 }, next, { conversions: { notes: 'round' } }).typeChanges).toHaveLength(1);
  });

  it('offers no conversion where none keeps the data', () => {
    const next = withProps({ ...base.schema.properties, notes: { type: 'boolean', title: '情况' } });
    expect(planEntityChange({ def: base, version: 1 }, next).typeChanges).toEqual([{ field: 'notes', from: 'text', to: 'boolean', conversions: [] }]);
  });

  it('rebuilds the index of a converted indexed field on the new column', () => {
    const prev = withProps({ ...base.schema.properties, score: { type: 'integer', title: '评分', 'x-index': true } });
    const next = withProps({ ...base.schema.properties, score: { type: 'number', title: '评分', 'x-index': true } });
    const { plan } = planEntityChange({ def: prev, version: 1 }, next, { conversions: { score: 'toNumber' } });
    expect(plan.steps).toEqual([
      { op: 'dropIndex', name: 'ix_visitLog_score' },
      { op: 'convertColumn', field: 'score', from: 'integer', to: 'real', conversion: 'toNumber', keepAs: 'score__removed_v2' },
      { op: 'createIndex', name: 'ix_visitLog_score', columns: ['score', 'id'] },
    ]);
  });

  it('refuses a rename onto a field that already exists', () => {
    const { elderName: _e, notes, ...rest } = base.schema.properties;
    // notes takes elderName's place by rename, but notes is already a field of its own.
    const next = withProps({ ...rest, notes: { ...notes, 'x-renamedFrom': 'elderName' } });
    const change = planEntityChange({ def: base, version: 1 }, next);
    expect(change.collisions).toEqual([{ field: 'notes', from: 'elderName', reason: 'targetExists' }]);
    expect(() => planEntityMigration({ def: base, version: 1 }, next)).toThrow(/elderName → notes/);
  });

  it('offers the retired column of the target type back on a type change, and takes it when a rollback prefers it', () => {
    const prev = withProps({ ...base.schema.properties, notes: { type: 'number', title: '情况', 'x-index': true } });
    const next = withProps({ ...base.schema.properties, notes: { type: 'string', title: '情况', 'x-index': true } });
    const retired = [{ column: 'notes__removed_v4', field: 'notes', type: 'text' as const }];
    expect(planEntityChange({ def: prev, version: 4 }, next, { retired }).typeChanges).toEqual([{ field: 'notes', from: 'real', to: 'text', conversions: ['toText', 'restore'] }]);
    const { plan, typeChanges } = planEntityChange({ def: prev, version: 4 }, next, { retired, preferRestore: true });
    expect(typeChanges).toEqual([]);
    // The index follows the renamed column: dropped first, built again on the restored one.
    expect(plan.steps).toEqual([
      { op: 'dropIndex', name: 'ix_visitLog_notes' },
      { op: 'retireColumn', field: 'notes', as: 'notes__removed_v5' },
      { op: 'restoreColumn', from: 'notes__removed_v4', to: 'notes' },
      { op: 'createIndex', name: 'ix_visitLog_notes', columns: ['notes', 'id'] },
    ]);
    // An explicit choice wins over the preference.
    const converted = planEntityChange({ def: prev, version: 4 }, next, { retired, preferRestore: true, conversions: { notes: 'toText' } });
    expect(converted.plan.steps.map((s) => s.op)).toEqual(['dropIndex', 'convertColumn', 'createIndex']);
  });
});
