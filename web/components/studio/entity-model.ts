import type { EntityDefinition, FieldSchema, LocalizedText, UiSchema, Widget } from '../../../core/config/types.generated';

/**
 * Edits of an entity definition as the designer makes them: pure functions from one definition to
 * the next (never mutating), so the form view, the JSON view and the preview share one value.
 */
export type Field = FieldSchema & Record<string, unknown>;
type Group = NonNullable<UiSchema['groups']>[number];
type UiField = NonNullable<UiSchema['fields']>[string];

/** Every widget the form renderer has (configs/schema/entity.schema.json#/$defs/Widget). */
export const WIDGETS: Widget[] = ['text', 'textarea', 'number', 'select', 'radio', 'multiSelect', 'checkbox', 'date', 'time', 'datetime', 'photo', 'location', 'orgUnit', 'person', 'group', 'readonly'];
export const PII_KINDS = ['name', 'phone', 'idNumber', 'address', 'other'] as const;
export const CHOICE_WIDGETS = new Set<Widget>(['select', 'radio', 'multiSelect']);

/** The JSON types a field of each widget may have (the first is the default). */
export const WIDGET_TYPES: Record<Widget, string[]> = {
  text: ['string'],
  textarea: ['string'],
  number: ['number', 'integer'],
  select: ['string', 'integer'],
  radio: ['string', 'integer'],
  multiSelect: ['array'],
  checkbox: ['boolean'],
  date: ['string'],
  time: ['string'],
  datetime: ['string'],
  photo: ['array'],
  location: ['object'],
  orgUnit: ['string'],
  person: ['string'],
  group: ['array'],
  readonly: ['string'],
};

/** A new field of a widget: the type, format and shape the renderer and the server expect of it. */
export function widgetSchema(widget: Widget, title: string, option: LocalizedText): Field {
  const base = { title, 'x-widget': widget } as Field;
  const choice = { enum: ['option1'], 'x-enumLabels': { option1: option } };
  switch (widget) {
    case 'text':
      return { ...base, type: 'string', maxLength: 200 };
    case 'textarea':
      return { ...base, type: 'string', maxLength: 4000 };
    case 'number':
      return { ...base, type: 'number' };
    case 'select':
    case 'radio':
      return { ...base, type: 'string', ...choice };
    case 'multiSelect':
      return { ...base, type: 'array', items: { type: 'string', enum: choice.enum }, 'x-enumLabels': choice['x-enumLabels'] };
    case 'checkbox':
      return { ...base, type: 'boolean' };
    case 'date':
      return { ...base, type: 'string', format: 'date' };
    case 'time':
      return { ...base, type: 'string', format: 'time' };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time' };
    case 'photo':
      return { ...base, type: 'array', maxItems: 9, items: { type: 'string' } };
    case 'location':
      return {
        ...base,
        type: 'object',
        properties: { lng: { type: 'number', minimum: -180, maximum: 180 }, lat: { type: 'number', minimum: -90, maximum: 90 } },
        required: ['lng', 'lat'],
        additionalProperties: false,
      };
    case 'orgUnit':
      return { ...base, type: 'string', 'x-source': 'orgUnits' };
    case 'person':
      return { ...base, type: 'string', 'x-source': 'users' };
    case 'group':
      return { ...base, type: 'array', items: { type: 'object', properties: { note: { type: 'string', title: title } } } };
    case 'readonly':
      return { ...base, type: 'string', readOnly: true };
  }
}

// What a field keeps when its widget changes: what it is called and how it is stored and shown.
const KEPT = ['title', 'x-title-en', 'description', 'x-pii', 'x-index', 'x-search', 'x-renamedFrom', 'default'];

/** The field with another widget: the new widget's shape, its labels and flags kept, its options kept between choice widgets. */
export function changeWidget(field: Field, widget: Widget, option: LocalizedText): Field {
  const next = widgetSchema(widget, field.title, option);
  for (const k of KEPT) if (field[k] !== undefined) next[k] = field[k];
  const was = fieldWidget(field);
  if (CHOICE_WIDGETS.has(was) && CHOICE_WIDGETS.has(widget)) {
    const options = fieldChoices(field);
    if (options.length) return setChoices(next, options);
  }
  return next;
}

/** The widget a field shows with: its x-widget, or the one the renderer infers from the type. */
export function fieldWidget(field: Field): Widget {
  if (field['x-widget']) return field['x-widget'];
  const type = Array.isArray(field.type) ? field.type.find((t) => t !== 'null') : field.type;
  if (field.readOnly) return 'readonly';
  if (type === 'boolean') return 'checkbox';
  const items = field.items as Field | undefined;
  if (type === 'array') return items?.type === 'object' ? 'group' : items?.enum ? 'multiSelect' : 'photo';
  if (type === 'object') return 'location';
  if (field['x-source'] === 'orgUnits') return 'orgUnit';
  if (field['x-source'] === 'users') return 'person';
  if (field.enum || field['x-source']) return 'select';
  if (field.format === 'date') return 'date';
  if (field.format === 'time') return 'time';
  if (field.format === 'date-time') return 'datetime';
  if (type === 'number' || type === 'integer') return 'number';
  return 'text';
}

export interface Choice {
  value: string;
  label: LocalizedText;
}

/** A choice field's options with their labels (an array field's options are on its items). */
export function fieldChoices(field: Field): Choice[] {
  const holder = (field.type === 'array' ? field.items : field) as Field | undefined;
  const labels = (field['x-enumLabels'] ?? holder?.['x-enumLabels'] ?? {}) as Record<string, LocalizedText>;
  return ((holder?.enum ?? []) as unknown[]).map((v) => ({ value: String(v), label: labels[String(v)] ?? { 'zh-CN': String(v) } }));
}

export function setChoices(field: Field, choices: Choice[]): Field {
  const numeric = field.type === 'integer' || field.type === 'number';
  const values = choices.map((c) => (numeric && c.value.trim() !== '' && !Number.isNaN(Number(c.value)) ? Number(c.value) : c.value));
  const labels = Object.fromEntries(choices.map((c) => [c.value, c.label]));
  if (field.type === 'array') {
    const items: Record<string, unknown> = { ...((field.items as Field | undefined) ?? { type: 'string' }), enum: values };
    delete items['x-enumLabels'];
    return { ...field, items, 'x-enumLabels': labels };
  }
  return { ...field, enum: values, 'x-enumLabels': labels };
}

/** Sets (or, with undefined / '' / false, removes) one keyword of a field. */
export function withKeyword(field: Field, keyword: string, value: unknown): Field {
  const next = { ...field };
  if (value === undefined || value === '' || value === false || (typeof value === 'number' && Number.isNaN(value))) delete next[keyword];
  else next[keyword] = value;
  return next;
}

/** The fields in the order the form shows them: ui.order first, then the rest as declared. */
export function fieldKeys(def: EntityDefinition): string[] {
  const props = Object.keys(def.schema.properties ?? {});
  return [...new Set([...(def.ui?.order ?? []).filter((k) => props.includes(k)), ...props])];
}

export function isRequired(def: EntityDefinition, key: string): boolean {
  return (def.schema.required ?? []).includes(key);
}

const KEY = /^[a-z][a-zA-Z0-9]*$/;

/** Why a new field name cannot be used, or undefined when it can. */
export function keyProblem(def: EntityDefinition, key: string, self?: string): 'invalid' | 'taken' | undefined {
  if (!KEY.test(key) || key.length > 48) return 'invalid';
  if (key !== self && key in (def.schema.properties ?? {})) return 'taken';
  return undefined;
}

function withUi(def: EntityDefinition, ui: UiSchema): EntityDefinition {
  return { ...def, ui };
}

/** Regroups each group's fields in form order, so moving a field moves it inside its group too. */
function sortGroups(ui: UiSchema, order: string[]): UiSchema {
  if (!ui.groups) return ui;
  const pos = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return { ...ui, groups: ui.groups.map((g) => ({ ...g, fields: [...g.fields].sort((a, b) => pos(a) - pos(b)) })) };
}

export function addField(def: EntityDefinition, key: string, field: Field, options: { required?: boolean; group?: string } = {}): EntityDefinition {
  const order = [...fieldKeys(def), key];
  const schema = { ...def.schema, properties: { ...def.schema.properties, [key]: field } };
  if (options.required) schema.required = [...(def.schema.required ?? []), key];
  let ui: UiSchema = { ...(def.ui ?? {}), order };
  if (options.group) ui = assignGroup(ui, key, options.group);
  return { ...def, schema, ui };
}

export function updateField(def: EntityDefinition, key: string, field: Field): EntityDefinition {
  return { ...def, schema: { ...def.schema, properties: { ...def.schema.properties, [key]: field } } };
}

const rename = (list: string[] | undefined, from: string, to: string) => list?.map((k) => (k === from ? to : k));

/**
 * Renames a field everywhere the definition names it. A field that is published keeps its values:
 * it records `x-renamedFrom` (the migration renames the column); a field only in the draft does not.
 */
export function renameField(def: EntityDefinition, from: string, to: string, published: ReadonlySet<string>): EntityDefinition {
  const props = Object.entries(def.schema.properties).map(([k, v]) => {
    if (k !== from) return [k, v] as const;
    const field: Field = { ...v };
    const original = (v['x-renamedFrom'] as string | undefined) ?? (published.has(from) ? from : undefined);
    if (original && original !== to) field['x-renamedFrom'] = original;
    else delete field['x-renamedFrom'];
    return [to, field] as const;
  });
  const schema: EntityDefinition['schema'] = { ...def.schema, properties: Object.fromEntries(props), required: rename(def.schema.required, from, to) };
  if (!schema.required) delete schema.required;
  const allOf = (def.schema.allOf as Rule[] | undefined)?.map((r) => renameInBranch(r, from, to));
  if (allOf) schema.allOf = allOf;
  const ui = def.ui ?? {};
  const next: UiSchema = { ...ui };
  if (ui.order) next.order = rename(ui.order, from, to);
  if (ui.listColumns) next.listColumns = rename(ui.listColumns, from, to);
  if (ui.groups) next.groups = ui.groups.map((g) => ({ ...g, fields: rename(g.fields, from, to)! }));
  if (ui.fields?.[from]) {
    const { [from]: moved, ...rest } = ui.fields;
    next.fields = { ...rest, [to]: moved };
  }
  const indexes = def.indexes?.map((i) => ({ fields: rename(i.fields, from, to) as typeof i.fields }));
  return { ...def, schema, ui: next, ...(indexes ? { indexes } : {}) };
}

function renameInBranch(rule: Rule, from: string, to: string): Rule {
  const out: Rule = { ...rule };
  for (const part of ['if', 'then', 'else'] as const) {
    const b = rule[part];
    if (!b) continue;
    out[part] = {
      ...b,
      ...(b.properties ? { properties: Object.fromEntries(Object.entries(b.properties).map(([k, v]) => [k === from ? to : k, v])) } : {}),
      ...(b.required ? { required: rename(b.required, from, to) } : {}),
    };
  }
  return out;
}

/** Removes a field and every mention of it (order, groups, list columns, indexes, sections). */
export function removeField(def: EntityDefinition, key: string): EntityDefinition {
  const { [key]: _removed, ...properties } = def.schema.properties;
  const schema = { ...def.schema, properties } as EntityDefinition['schema'];
  if (def.schema.required) schema.required = def.schema.required.filter((k) => k !== key);
  const rules = (def.schema.allOf as Rule[] | undefined)
    ?.filter((r) => !(r.if?.properties && key in r.if.properties))
    .map((r) => withoutInBranches(r, key))
    .filter((r) => Object.keys(r.then?.properties ?? {}).length || Object.keys(r.else?.properties ?? {}).length || !isSimpleRule(r));
  if (rules) {
    if (rules.length) schema.allOf = rules;
    else delete schema.allOf;
  }
  const ui = def.ui ?? {};
  const next: UiSchema = { ...ui };
  if (ui.order) next.order = ui.order.filter((k) => k !== key);
  if (ui.listColumns) next.listColumns = ui.listColumns.filter((k) => k !== key);
  if (ui.groups) next.groups = ui.groups.map((g) => ({ ...g, fields: g.fields.filter((k) => k !== key) }));
  if (ui.fields?.[key]) {
    const { [key]: _f, ...rest } = ui.fields;
    next.fields = rest;
  }
  const indexes = def.indexes?.filter((i) => !i.fields.includes(key));
  const out: EntityDefinition = { ...def, schema, ui: next };
  if (indexes) {
    if (indexes.length) out.indexes = indexes;
    else delete out.indexes;
  }
  return out;
}

function withoutInBranches(rule: Rule, key: string): Rule {
  const out: Rule = { ...rule };
  for (const part of ['then', 'else'] as const) {
    const b = rule[part];
    if (!b) continue;
    const { [key]: _x, ...props } = b.properties ?? {};
    out[part] = { ...b, properties: props, ...(b.required ? { required: b.required.filter((k) => k !== key) } : {}) };
  }
  return out;
}

/** Moves a field one place up (-1) or down (+1) in the form. */
export function moveField(def: EntityDefinition, key: string, delta: -1 | 1): EntityDefinition {
  const order = fieldKeys(def);
  const i = order.indexOf(key);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return def;
  [order[i], order[j]] = [order[j], order[i]];
  return withUi(def, sortGroups({ ...(def.ui ?? {}), order }, order));
}

/** Moves a field to another place (drag and drop). */
export function moveFieldTo(def: EntityDefinition, key: string, before: string | null): EntityDefinition {
  const order = fieldKeys(def).filter((k) => k !== key);
  const at = before === null ? order.length : order.indexOf(before);
  order.splice(at < 0 ? order.length : at, 0, key);
  return withUi(def, sortGroups({ ...(def.ui ?? {}), order }, order));
}

/** Top-level required, or required inside the sections that show it when the field is conditional. */
export function setRequired(def: EntityDefinition, key: string, required: boolean): EntityDefinition {
  const sections = ruleIndexesShowing(def, key);
  if (sections.length) {
    const allOf = (def.schema.allOf as Rule[]).map((r, i) => {
      if (!sections.includes(i)) return r;
      const then = r.then!;
      const list = (then.required ?? []).filter((k) => k !== key);
      return { ...r, then: { ...then, required: required ? [...list, key] : list } };
    });
    const top = (def.schema.required ?? []).filter((k) => k !== key);
    return { ...def, schema: { ...def.schema, allOf, required: top } };
  }
  const list = (def.schema.required ?? []).filter((k) => k !== key);
  return { ...def, schema: { ...def.schema, required: required ? [...list, key] : list } };
}

export function isRequiredAnywhere(def: EntityDefinition, key: string): boolean {
  return isRequired(def, key) || ruleIndexesShowing(def, key).some((i) => ((def.schema.allOf as Rule[])[i].then?.required ?? []).includes(key));
}

/** One keyword of a field's UI options (help, placeholder, hidden…); undefined removes it. */
export function setUiOption<K extends keyof UiField>(def: EntityDefinition, key: string, option: K, value: UiField[K] | undefined): EntityDefinition {
  const ui = def.ui ?? {};
  const current: UiField = { ...(ui.fields?.[key] ?? {}) };
  if (value === undefined) delete current[option];
  else current[option] = value;
  const fields = { ...(ui.fields ?? {}) };
  if (Object.keys(current).length) fields[key] = current;
  else delete fields[key];
  return withUi(def, { ...ui, fields });
}

// ---- groups and steps ----

export function groupOf(def: EntityDefinition, key: string): string | undefined {
  return def.ui?.groups?.find((g) => g.fields.includes(key))?.key;
}

function assignGroup(ui: UiSchema, key: string, group: string | undefined): UiSchema {
  const groups = (ui.groups ?? []).map((g) => ({ ...g, fields: g.fields.filter((k) => k !== key) }));
  const target = groups.find((g) => g.key === group);
  if (target) target.fields.push(key);
  return sortGroups({ ...ui, groups }, ui.order ?? []);
}

/** Puts a field in a group (undefined: in none). */
export function setGroup(def: EntityDefinition, key: string, group: string | undefined): EntityDefinition {
  const ui = def.ui ?? {};
  return withUi(def, assignGroup({ ...ui, order: fieldKeys(def) }, key, group));
}

export function addGroup(def: EntityDefinition, key: string, label: LocalizedText): EntityDefinition {
  const ui = def.ui ?? {};
  const steps = ui.groups?.some((g) => g.step) ?? false;
  const group: Group = { key, label, fields: [], ...(steps ? { step: true } : {}) };
  return withUi(def, { ...ui, groups: [...(ui.groups ?? []), group] });
}

export function updateGroup(def: EntityDefinition, key: string, patch: Partial<Pick<Group, 'key' | 'label'>>): EntityDefinition {
  const ui = def.ui ?? {};
  return withUi(def, { ...ui, groups: (ui.groups ?? []).map((g) => (g.key === key ? { ...g, ...patch } : g)) });
}

export function removeGroup(def: EntityDefinition, key: string): EntityDefinition {
  const ui = def.ui ?? {};
  const groups = (ui.groups ?? []).filter((g) => g.key !== key);
  const next: UiSchema = { ...ui, groups };
  if (!groups.length) delete next.groups;
  return withUi(def, next);
}

/** Whether the groups show as wizard steps (the renderer treats all groups alike). */
export function setSteps(def: EntityDefinition, steps: boolean): EntityDefinition {
  const ui = def.ui ?? {};
  return withUi(def, {
    ...ui,
    groups: (ui.groups ?? []).map((g) => {
      const { step: _s, ...rest } = g;
      return steps ? { ...rest, step: true } : rest;
    }),
  });
}

// ---- conditional sections: allOf [{ if: { properties: { X: { const: v } }, required: [X] }, then: { properties: { Z: {} }, required } }] ----

interface Branch {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
  [k: string]: unknown;
}
export interface Rule {
  if?: Branch;
  then?: Branch;
  else?: Branch;
  [k: string]: unknown;
}

/** A section shown while one field has one value: what the designer edits; richer conditions stay JSON-only. */
export interface SectionRule {
  index: number;
  field: string;
  value: unknown;
  show: string[];
  required: string[];
}

function isSimpleRule(rule: Rule): boolean {
  const cond = rule.if;
  if (!cond || rule.else || Object.keys(rule).some((k) => k !== 'if' && k !== 'then')) return false;
  const props = Object.entries(cond.properties ?? {});
  if (props.length !== 1 || Object.keys(cond).some((k) => k !== 'properties' && k !== 'required')) return false;
  const [, test] = props[0];
  return Object.keys(test).length === 1 && 'const' in test;
}

/** The sections the designer can edit; other allOf entries are kept as they are. */
export function sectionRules(def: EntityDefinition): SectionRule[] {
  const rules = (def.schema.allOf as Rule[] | undefined) ?? [];
  return rules.flatMap((rule, index) => {
    if (!isSimpleRule(rule)) return [];
    const [field, test] = Object.entries(rule.if!.properties!)[0];
    return [{ index, field, value: test.const, show: Object.keys(rule.then?.properties ?? {}), required: rule.then?.required ?? [] }];
  });
}

function ruleIndexesShowing(def: EntityDefinition, key: string): number[] {
  const rules = (def.schema.allOf as Rule[] | undefined) ?? [];
  return rules.flatMap((r, i) => (r.then?.properties && key in r.then.properties ? [i] : []));
}

function toRule(rule: Omit<SectionRule, 'index'>): Rule {
  const then: Branch = { properties: Object.fromEntries(rule.show.map((k) => [k, {}])) };
  const required = rule.required.filter((k) => rule.show.includes(k));
  if (required.length) then.required = required;
  return { if: { properties: { [rule.field]: { const: rule.value } }, required: [rule.field] }, then };
}

/**
 * Adds or replaces a section. Its fields leave the top-level required list: a hidden field is not
 * sent, so a field required everywhere could never be hidden (it is required inside the section instead).
 */
export function setSectionRule(def: EntityDefinition, rule: Omit<SectionRule, 'index'>, index?: number): EntityDefinition {
  const rules = [...((def.schema.allOf as Rule[] | undefined) ?? [])];
  const topRequired = def.schema.required ?? [];
  const movedRequired = rule.show.filter((k) => topRequired.includes(k));
  const next = toRule({ ...rule, required: [...new Set([...rule.required, ...movedRequired])] });
  if (index === undefined) rules.push(next);
  else rules[index] = next;
  const schema = { ...def.schema, allOf: rules, required: topRequired.filter((k) => !rule.show.includes(k)) };
  return { ...def, schema };
}

export function removeSectionRule(def: EntityDefinition, index: number): EntityDefinition {
  const rules = ((def.schema.allOf as Rule[] | undefined) ?? []).filter((_, i) => i !== index);
  const schema: EntityDefinition['schema'] = { ...def.schema, allOf: rules };
  if (!rules.length) delete schema.allOf;
  return { ...def, schema };
}
