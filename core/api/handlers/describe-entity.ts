import type { Kysely } from 'kysely';
import type { AppAbility } from '../../access';
import { definitionAt, fieldColumns, type CompiledEntity } from '../../entities';
import { QUERYABLE_SYSTEM_FIELDS } from '../../entities/field-columns';
import { ForbiddenError, NotFoundError } from '../../errors';
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

/**
 * The entity as it was at one applied schema version (the `schemaVersion` a record carries), so a
 * record written before a publish renders with the fields it was written with. Permissions are
 * today's: what this user may read now.
 */
export async function describeEntityVersion(db: Kysely<any>, entity: CompiledEntity, version: number | undefined, ability: AppAbility, lang: Lang): Promise<EntityDescription> {
  if (version === undefined || version === entity.version) return describeEntity(entity, ability, lang);
  if (!ability.can('read', entity.subject)) throw new ForbiddenError(t(lang, 'forbidden.action', { action: 'read', entity: entity.name }));
  const def = await definitionAt(db, entity.name, version);
  if (!def) throw new NotFoundError(t(lang, 'studio.entityVersionNotFound', { entity: entity.name, version }));
  const columns = fieldColumns(def);
  return describeEntity({ ...entity, def, columns, byField: new Map(columns.map((c) => [c.field, c])), version }, ability, lang);
}
