import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../config';
import { ConfigError } from '../errors';
import { planEntityMigration } from './migration-plan';

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
});
