import type { UiLang } from '../../i18n';
import { localized } from '../../i18n';
import { ajvTest } from './lazy-validator';
import { simpleTest } from './simple-condition';
import type { JsonSchema, UiSchema, Widget } from './types';

/** When a conditional field shows: any of its conditions holds for the current values. */
export interface Condition {
  id: string;
  /** Fields the condition reads; a section watches exactly these. */
  deps: string[];
  test: (values: Record<string, unknown>) => boolean;
}

export type ComputeSpec = NonNullable<NonNullable<UiSchema['fields']>[string]['compute']>;

export interface FieldModel {
  key: string;
  schema: JsonSchema;
  widget: Widget;
  label: string;
  help?: string;
  placeholder?: string;
  required: boolean;
  readOnly: boolean;
  hidden: boolean;
  compute?: ComputeSpec;
  /** Shown only while one of these holds; undefined for fields that always show. */
  conditions?: Condition[];
  /** Item fields of a repeating group. */
  children?: FieldModel[];
}

export type Block = { kind: 'field'; field: FieldModel } | { kind: 'section'; id: string; conditions: Condition[]; fields: FieldModel[] };

export interface FormGroup {
  key: string;
  label?: string;
  step: boolean;
  blocks: Block[];
  fields: string[];
}

export interface FormModel {
  schema: JsonSchema;
  fields: Map<string, FieldModel>;
  groups: FormGroup[];
  steps: boolean;
  conditional: FieldModel[];
  defaults: Record<string, unknown>;
}

type UiFields = NonNullable<UiSchema['fields']>;

export function fieldLabel(schema: JsonSchema, key: string, lang: UiLang): string {
  return (lang === 'en' && schema['x-title-en']) || schema.title || key;
}

/** Picks the widget a field's schema asks for, or the one its type suggests. */
export function inferWidget(schema: JsonSchema, uiWidget?: Widget): Widget {
  const explicit = uiWidget ?? schema['x-widget'];
  if (explicit) return explicit;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.readOnly) return 'readonly';
  if (type === 'boolean') return 'checkbox';
  if (type === 'array') {
    if (schema.items?.type === 'object') return 'group';
    if (schema.items?.['x-source'] === 'orgUnits') return 'orgUnit';
    return 'multiSelect';
  }
  if (type === 'object' && schema.properties?.lng && schema.properties?.lat) return 'location';
  if (schema['x-source'] === 'orgUnits') return 'orgUnit';
  if (schema['x-source'] === 'users') return 'person';
  if (schema.enum || schema['x-source']) return (schema.enum?.length ?? 99) <= 4 ? 'radio' : 'select';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'time') return 'time';
  if (schema.format === 'date-time') return 'datetime';
  if (type === 'number' || type === 'integer') return 'number';
  if ((schema.maxLength ?? 0) > 200) return 'textarea';
  return 'text';
}

export function hasValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

function makeField(key: string, schema: JsonSchema, required: boolean, ui: UiFields, lang: UiLang, prefix = ''): FieldModel {
  const opts = ui[prefix + key] ?? {};
  const widget = inferWidget(schema, opts.widget);
  const field: FieldModel = {
    key,
    schema,
    widget,
    label: fieldLabel(schema, key, lang),
    help: opts.help ? localized(opts.help, lang) : schema.description,
    placeholder: opts.placeholder ? localized(opts.placeholder, lang) : undefined,
    required,
    readOnly: Boolean(opts.readOnly || schema.readOnly || opts.compute || widget === 'readonly'),
    hidden: Boolean(opts.hidden),
    compute: opts.compute,
  };
  if (widget === 'group' && schema.items?.properties) {
    const itemRequired = new Set(schema.items.required ?? []);
    field.children = Object.entries(schema.items.properties).map(([k, s]) => makeField(k, s, itemRequired.has(k), ui, lang, `${key}.`));
  }
  return field;
}

interface Branch {
  schema: JsonSchema;
  condition: Condition;
}

/** if/then/else at the top and inside allOf; every branch with properties becomes a section. */
function collectBranches(schema: JsonSchema): Branch[] {
  const branches: Branch[] = [];
  const holders = [schema, ...(schema.allOf ?? [])];
  holders.forEach((holder, i) => {
    if (!holder.if) return;
    const ifSchema = holder.if;
    const validate = simpleTest(ifSchema) ?? ajvTest({ type: 'object', ...ifSchema });
    const deps = [...new Set([...Object.keys(ifSchema.properties ?? {}), ...(ifSchema.required ?? [])])];
    if (holder.then) branches.push({ schema: holder.then, condition: { id: `if${i}`, deps, test: (v) => validate(v) === true } });
    if (holder.else) branches.push({ schema: holder.else, condition: { id: `else${i}`, deps, test: (v) => validate(v) !== true } });
  });
  return branches;
}

/** Reads a form's JSON Schema and UI schema once: fields, their order, sections, groups and steps. */
export function buildFormModel(schema: JsonSchema, uiSchema: UiSchema = {}, lang: UiLang = 'zh-CN'): FormModel {
  const ui = uiSchema.fields ?? {};
  const topRequired = new Set(schema.required ?? []);
  const fields = new Map<string, FieldModel>();
  const defaults: Record<string, unknown> = {};
  const props = schema.properties ?? {};
  for (const [key, s] of Object.entries(props)) {
    fields.set(key, makeField(key, s, topRequired.has(key), ui, lang));
    if (s.default !== undefined) defaults[key] = s.default;
  }

  const conditional = new Set<FieldModel>();
  const addCondition = (field: FieldModel, condition: Condition, required: boolean) => {
    field.conditions = [...(field.conditions ?? []), condition];
    field.required ||= required;
    conditional.add(field);
  };
  for (const branch of collectBranches(schema)) {
    const branchRequired = new Set(branch.schema.required ?? []);
    for (const [key, s] of Object.entries(branch.schema.properties ?? {})) {
      let field = fields.get(key);
      if (!field) {
        field = makeField(key, s, false, ui, lang);
        fields.set(key, field);
      } else if (typeof s === 'object' && Object.keys(s).length) {
        // The branch narrows the field (e.g. minLength); its label and widget come from the top.
        field.schema = { ...field.schema, ...s };
      }
      addCondition(field, branch.condition, branchRequired.has(key));
    }
  }
  // dependentRequired: the dependents show (and are required) once their trigger has a value.
  for (const [trigger, dependents] of Object.entries(schema.dependentRequired ?? {})) {
    const condition: Condition = { id: `dep:${trigger}`, deps: [trigger], test: (v) => hasValue(v[trigger]) };
    for (const key of dependents) {
      const field = fields.get(key);
      if (field && !topRequired.has(key)) addCondition(field, condition, true);
    }
  }

  const order = [...new Set([...(uiSchema.order ?? []).filter((k) => fields.has(k)), ...fields.keys()])];
  const visible = order.filter((k) => !fields.get(k)!.hidden);
  const grouped = new Set((uiSchema.groups ?? []).flatMap((g) => g.fields));
  const steps = (uiSchema.groups ?? []).some((g) => g.step);
  const groups: FormGroup[] = [];
  const loose = visible.filter((k) => !grouped.has(k));
  if (loose.length) groups.push({ key: '', step: steps, fields: loose, blocks: [] });
  for (const g of uiSchema.groups ?? []) {
    const keys = g.fields.filter((k) => fields.has(k) && !fields.get(k)!.hidden);
    groups.push({ key: g.key, label: localized(g.label, lang), step: steps, fields: keys, blocks: [] });
  }
  if (steps && groups.length > 1 && groups[0].key === '') {
    // Ungrouped fields join the first step rather than making a nameless one.
    const [first, second] = groups.splice(0, 2);
    groups.unshift({ ...second, fields: [...first.fields, ...second.fields] });
  }
  for (const group of groups) group.blocks = toBlocks(group.fields.map((k) => fields.get(k)!));

  return { schema, fields, groups, steps, conditional: [...conditional], defaults };
}

/** Consecutive fields under the same conditions form one section, which watches only its condition fields. */
function toBlocks(list: FieldModel[]): Block[] {
  const blocks: Block[] = [];
  for (const field of list) {
    if (!field.conditions) {
      blocks.push({ kind: 'field', field });
      continue;
    }
    const id = field.conditions.map((c) => c.id).join('|');
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'section' && last.id === id) last.fields.push(field);
    else blocks.push({ kind: 'section', id, conditions: field.conditions, fields: [field] });
  }
  return blocks;
}
