import { permittedFieldsOf } from '@casl/ability/extra';
import type { CompiledEntity, EntityRecord } from '../entities';
import type { AppAbility } from './app-ability';
import { maskValue } from '../audit';
import { recordSubject, type RecordAccessFields } from './subject-object';

/**
 * The record as this reader may see it: fields the reader's rules do not grant are removed,
 * except personal data (x-pii), which is replaced by its masked form (王**, *******8000) so a form
 * still shows that a value exists. `maskedFields` names what was masked or removed.
 */
export function readableRecord(
  ability: AppAbility,
  entity: CompiledEntity,
  record: EntityRecord,
  access: RecordAccessFields,
): EntityRecord & { maskedFields?: string[] } {
  const all = entity.columns.map((c) => c.field);
  const permitted = new Set(permittedFieldsOf(ability, 'read', recordSubject(entity, record, access), { fieldsFrom: (rule) => rule.fields ?? all }));
  if (all.every((f) => permitted.has(f))) return record;
  const data: Record<string, unknown> = {};
  const masked: string[] = [];
  for (const col of entity.columns) {
    const value = record.data[col.field];
    if (value === undefined) continue;
    if (permitted.has(col.field)) data[col.field] = value;
    else {
      masked.push(col.field);
      if (col.pii) data[col.field] = maskValue(col.pii as never, value);
    }
  }
  return { ...record, data, maskedFields: masked };
}
