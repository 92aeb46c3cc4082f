import type { ValidateFunction } from 'ajv';
import { createAjv, entitySubject } from '../config';
import type { EntityDefinition, WorkflowDefinition } from '../config/types.generated';
import { ValidationError } from '../errors';
import { t, type Lang } from '../i18n';
import { fieldColumns, tableName, type FieldColumn } from './field-columns';

/** An entity ready for use: its definition plus what the service derives from it once. */
export interface CompiledEntity {
  name: string;
  subject: string;
  table: string;
  def: EntityDefinition;
  columns: FieldColumn[];
  byField: Map<string, FieldColumn>;
  /** Validates a whole record's data (defaults filled in). */
  validate: ValidateFunction;
  searchFields: string[];
  workflow?: WorkflowDefinition;
  /** Schema version applied to the table (set after sync). */
  version: number;
}

export class EntityRegistry {
  private readonly entities = new Map<string, CompiledEntity>();

  constructor(defs: EntityDefinition[], workflows: WorkflowDefinition[] = []) {
    const ajv = createAjv({ useDefaults: true });
    for (const def of defs) {
      const columns = fieldColumns(def);
      this.entities.set(def.name, {
        name: def.name,
        subject: entitySubject(def),
        table: tableName(def.name),
        def,
        columns,
        byField: new Map(columns.map((c) => [c.field, c])),
        validate: ajv.compile(def.schema),
        searchFields: columns.filter((c) => c.search).map((c) => c.field),
        workflow: workflows.find((w) => w.entity === def.name && w.name === def.workflow),
        version: 0,
      });
    }
  }

  get(name: string, lang: Lang = 'zh-CN'): CompiledEntity {
    const entity = this.entities.get(name);
    if (!entity) {
      throw new ValidationError(t(lang, 'validation.unknownEntity', { entity: name }), [
        { path: '/entity', message: t(lang, 'validation.unknownEntity', { entity: name }), code: 'unknownEntity' },
      ]);
    }
    return entity;
  }

  has(name: string): boolean {
    return this.entities.has(name);
  }

  all(): CompiledEntity[] {
    return [...this.entities.values()];
  }

  setVersion(name: string, version: number): void {
    const entity = this.entities.get(name);
    if (entity) entity.version = version;
  }
}
