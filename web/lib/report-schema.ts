import type { EntityDefinition } from '../../core/config/types.generated';
import type { ObjectSchema } from './schema-labels';

/** What a quick report asks: the essentials first; the server fills channel and time. */
const REPORT_FIELDS = ['title', 'category', 'photos', 'location', 'description'];
const SERVER_FILLED = new Set(['channel', 'reportedAt']);

/**
 * The report form's schema, cut from the case entity's: the essential fields it has, plus any other
 * field the entity requires (a district may require more), never the ones the server sets.
 */
export function reportSchema(def: EntityDefinition): { schema: ObjectSchema; ui: Record<string, unknown> } {
  const props = def.schema.properties as Record<string, Record<string, unknown>>;
  const required = (def.schema.required ?? []).filter((f) => !SERVER_FILLED.has(f));
  const fields = [...REPORT_FIELDS.filter((f) => f in props), ...required.filter((f) => !REPORT_FIELDS.includes(f))];
  const ui = (def.ui ?? {}) as Record<string, unknown>;
  return {
    schema: {
      type: 'object',
      properties: Object.fromEntries(fields.map((f) => [f, props[f]])),
      required: required.filter((f) => fields.includes(f)),
    },
    ui: { ...ui, order: fields },
  };
}
