import { localized, type UiLang } from '../../i18n';
import type { FieldModel } from './form-model';
import type { FormContext, JsonSchema, SelectOption } from './types';

/** Options of a choice field: its enum (labelled by x-enumLabels) or the district list named by x-source. */
export function fieldOptions(field: FieldModel, lang: UiLang, context: FormContext): SelectOption[] {
  const schema: JsonSchema = field.schema.type === 'array' && field.schema.items ? field.schema.items : field.schema;
  const source = schema['x-source'] ?? field.schema['x-source'];
  if (source) return context.options?.[source] ?? [];
  const labels = schema['x-enumLabels'] ?? field.schema['x-enumLabels'] ?? {};
  return (schema.enum ?? []).map((v) => ({ value: v as string | number, label: labels[String(v)] ? localized(labels[String(v)], lang) : String(v) }));
}
