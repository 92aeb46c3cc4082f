import type { AppAbility } from '../../access';
import type { CompiledEntity } from '../../entities';
import { QUERYABLE_SYSTEM_FIELDS } from '../../entities/field-columns';
import { ForbiddenError } from '../../errors';
import { t, type Lang } from '../../i18n';

/**
 * What the generic list, detail and form pages need to show an entity to this user: its schemas,
 * the fields they may read (the server masks values too; this spares empty columns), the fields
 * that filter and sort through an index, and the workflow's states.
 */
export function describeEntity(entity: CompiledEntity, ability: AppAbility, lang: Lang) {
  if (!ability.can('read', entity.subject)) throw new ForbiddenError(t(lang, 'forbidden.action', { action: 'read', entity: entity.name }));
  const { def } = entity;
  const readable = entity.columns.map((c) => c.field).filter((f) => ability.can('read', entity.subject, f));
  const indexed = entity.columns.filter((c) => c.indexed || def.indexes?.some((ix) => ix.fields[0] === c.field)).map((c) => c.field);
  return {
    name: entity.name,
    subject: entity.subject,
    label: def.label,
    schema: def.schema,
    ui: def.ui ?? {},
    version: entity.version,
    readableFields: readable,
    queryableFields: [...QUERYABLE_SYSTEM_FIELDS, ...indexed.filter((f) => readable.includes(f))],
    canCreate: ability.can('create', entity.subject),
    canUpdate: ability.can('update', entity.subject),
    workflow: entity.workflow
      ? { name: entity.workflow.name, states: entity.workflow.states.map((s) => ({ key: s.key, label: s.label, final: !!s.final })) }
      : null,
  };
}

export type EntityDescription = ReturnType<typeof describeEntity>;
