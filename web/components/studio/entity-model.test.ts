import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../../core/config/types.generated';
import {
  addField,
  changeWidget,
  fieldChoices,
  fieldKeys,
  isRequiredAnywhere,
  moveField,
  moveFieldTo,
  removeField,
  renameField,
  sectionRules,
  setChoices,
  setGroup,
  setRequired,
  setSectionRule,
  setSteps,
  widgetSchema,
  WIDGETS,
  type Field,
} from './entity-model';

const option = { 'zh-CN': '选项1', en: 'Option 1' };

const base: EntityDefinition = {
  name: 'visitLog',
  label: { 'zh-CN': '走访记录' },
  schema: {
    type: 'object',
    properties: {
      visitor: { type: 'string', title: '走访人' },
      kind: { type: 'string', title: '类型', enum: ['home', 'phone'], 'x-enumLabels': { home: { 'zh-CN': '入户' }, phone: { 'zh-CN': '电话' } } },
      notes: { type: 'string', title: '记录', maxLength: 2000 },
      phone: { type: 'string', title: '电话', 'x-pii': 'phone', 'x-index': true },
    },
    required: ['visitor', 'notes'],
  },
  ui: {
    order: ['visitor', 'kind', 'notes', 'phone'],
    groups: [
      { key: 'who', label: { 'zh-CN': '人员' }, fields: ['visitor', 'phone'] },
      { key: 'what', label: { 'zh-CN': '内容' }, fields: ['kind', 'notes'] },
    ],
    fields: { phone: { help: { 'zh-CN': '手机号' } } },
    listColumns: ['visitor', 'phone'],
  },
  indexes: [{ fields: ['phone', 'visitor'] }],
};

describe('entity model (designer edits)', () => {
  it('every widget of the renderer gets a schema with the shape the renderer infers back', () => {
    for (const w of WIDGETS) {
      const f = widgetSchema(w, '字段', option);
      expect(f['x-widget'], w).toBe(w);
      expect(f.title).toBe('字段');
    }
    expect(widgetSchema('datetime', '发现时间', option)).toMatchObject({ type: 'string', format: 'date-time' });
    expect(widgetSchema('multiSelect', 'x', option)).toMatchObject({ type: 'array', items: { enum: ['option1'] } });
    expect(widgetSchema('location', 'x', option)).toMatchObject({ type: 'object', required: ['lng', 'lat'] });
  });

  it('adds a field at the end of the form, required when asked', () => {
    const next = addField(base, 'visitedAt', widgetSchema('datetime', '走访时间', option), { required: true });
    expect(fieldKeys(next).at(-1)).toBe('visitedAt');
    expect(next.schema.required).toEqual(['visitor', 'notes', 'visitedAt']);
    expect(base.schema.properties.visitedAt).toBeUndefined();
  });

  it('renaming a published field records x-renamedFrom and follows it everywhere; a draft-only field does not', () => {
    const renamed = renameField(base, 'phone', 'mobile', new Set(Object.keys(base.schema.properties)));
    expect(renamed.schema.properties.mobile['x-renamedFrom']).toBe('phone');
    expect(renamed.ui?.order).toEqual(['visitor', 'kind', 'notes', 'mobile']);
    expect(renamed.ui?.groups?.[0].fields).toEqual(['visitor', 'mobile']);
    expect(renamed.ui?.fields?.mobile?.help).toEqual({ 'zh-CN': '手机号' });
    expect(renamed.ui?.listColumns).toEqual(['visitor', 'mobile']);
    expect(renamed.indexes).toEqual([{ fields: ['mobile', 'visitor'] }]);
    // Renaming again keeps the published name; renaming back drops the marker.
    expect(renameField(renamed, 'mobile', 'cell', new Set(['phone'])).schema.properties.cell['x-renamedFrom']).toBe('phone');
    expect(renameField(renamed, 'mobile', 'phone', new Set(['phone'])).schema.properties.phone['x-renamedFrom']).toBeUndefined();
    const added = addField(base, 'extra', widgetSchema('text', '附加', option));
    expect(renameField(added, 'extra', 'extra2', new Set(Object.keys(base.schema.properties))).schema.properties.extra2['x-renamedFrom']).toBeUndefined();
  });

  it('removing a field removes every mention of it', () => {
    const next = removeField(base, 'phone');
    expect(next.schema.properties.phone).toBeUndefined();
    expect(next.ui?.order).not.toContain('phone');
    expect(next.ui?.groups?.[0].fields).toEqual(['visitor']);
    expect(next.ui?.fields?.phone).toBeUndefined();
    expect(next.ui?.listColumns).toEqual(['visitor']);
    expect(next.indexes).toBeUndefined();
  });

  it('moves fields up, down and by drag, keeping each group in form order', () => {
    const down = moveField(base, 'visitor', 1);
    expect(down.ui?.order).toEqual(['kind', 'visitor', 'notes', 'phone']);
    expect(moveField(base, 'visitor', -1)).toBe(base);
    const dragged = moveFieldTo(base, 'phone', 'visitor');
    expect(dragged.ui?.order).toEqual(['phone', 'visitor', 'kind', 'notes']);
    expect(dragged.ui?.groups?.[0].fields).toEqual(['phone', 'visitor']);
  });

  it('a conditional section takes its fields out of the top-level required list and requires them inside', () => {
    const next = setSectionRule(base, { field: 'kind', value: 'home', show: ['notes'], required: [] });
    expect(next.schema.required).toEqual(['visitor']);
    expect(next.schema.allOf).toEqual([{ if: { properties: { kind: { const: 'home' } }, required: ['kind'] }, then: { properties: { notes: {} }, required: ['notes'] } }]);
    expect(sectionRules(next)).toEqual([{ index: 0, field: 'kind', value: 'home', show: ['notes'], required: ['notes'] }]);
    expect(isRequiredAnywhere(next, 'notes')).toBe(true);
    const optional = setRequired(next, 'notes', false);
    expect(isRequiredAnywhere(optional, 'notes')).toBe(false);
    expect(optional.schema.required).toEqual(['visitor']);
    // Removing the condition's field removes the section.
    expect(removeField(next, 'kind').schema.allOf).toBeUndefined();
  });

  it('changing widget keeps labels and flags, and options between choice widgets', () => {
    const kind = base.schema.properties.kind as Field;
    const radio = changeWidget(kind, 'radio', option);
    expect(fieldChoices(radio).map((c) => c.value)).toEqual(['home', 'phone']);
    const multi = changeWidget(radio, 'multiSelect', option);
    expect(multi).toMatchObject({ type: 'array', items: { type: 'string', enum: ['home', 'phone'] } });
    expect(fieldChoices(multi)[0].label).toEqual({ 'zh-CN': '入户' });
    const phone = changeWidget(base.schema.properties.phone as Field, 'textarea', option);
    expect(phone).toMatchObject({ title: '电话', 'x-pii': 'phone', 'x-index': true, 'x-widget': 'textarea' });
    expect(setChoices(widgetSchema('select', 'n', option), [{ value: '1', label: { 'zh-CN': '一' } }]).enum).toEqual(['1']);
  });

  it('groups: move a field between groups, and all groups become steps together', () => {
    const moved = setGroup(base, 'phone', 'what');
    expect(moved.ui?.groups?.map((g) => g.fields)).toEqual([['visitor'], ['kind', 'notes', 'phone']]);
    const steps = setSteps(base, true);
    expect(steps.ui?.groups?.every((g) => g.step)).toBe(true);
    expect(setSteps(steps, false).ui?.groups?.some((g) => 'step' in g)).toBe(false);
  });
});
