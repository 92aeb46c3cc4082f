import type { EntityDescription } from '../../core/api/handlers/describe-entity';
import { attempt } from './load-record';
import type { PageContext } from './page-context';
import type { FieldSchema } from './schema-labels';

export interface RecordView {
  /** Fields to show, the record's own version's first (with its labels), then newer ones that hold values. */
  properties: Record<string, FieldSchema>;
  order: string[];
  readable: string[];
  /** The schema version the record was written with, when it is not the running one. */
  olderVersion?: number;
  /** Fields the running version has and the record's version had not (its form asks for them now). */
  addedSince: string[];
}

/**
 * How to show a record written under an earlier schema version: with the definition of that
 * version (entity.describe by version), so a field since renamed, relabelled or removed still
 * renders as the record knew it. Falls back to the running definition if that version is gone.
 */
export async function recordView(api: PageContext['api'], current: EntityDescription, record: { schemaVersion: number }): Promise<RecordView> {
  const ui = current.ui as { order?: string[] };
  const now: RecordView = { properties: current.schema.properties as Record<string, FieldSchema>, order: ui.order ?? [], readable: current.readableFields, addedSince: [] };
  if (!record.schemaVersion || record.schemaVersion === current.version) return now;
  const then = await attempt(api.entity.describe({ entity: current.name, version: record.schemaVersion }));
  if (!then.ok) return now;
  const old = then.value;
  const oldProps = old.schema.properties as Record<string, FieldSchema>;
  const newer = Object.fromEntries(Object.entries(now.properties).filter(([k]) => !(k in oldProps)));
  return {
    properties: { ...oldProps, ...newer },
    order: [...((old.ui as { order?: string[] }).order ?? Object.keys(oldProps)), ...now.order.filter((k) => k in newer)],
    readable: [...new Set([...old.readableFields, ...now.readable.filter((k) => k in newer)])],
    olderVersion: old.version,
    addedSince: Object.keys(newer),
  };
}
