import { sql, type Kysely } from 'kysely';
import type { EntityDefinition } from '../config';
import {
  latestVersion,
  planEntityChange,
  retiredColumns,
  tableName,
  type EntityPlan,
  type PlanStep,
} from '../entities';
import { convertValue } from '../entities/column-conversions';
import { t, type Lang } from '../i18n';

export interface MigrationEffect {
  field: string;
  effect: 'added' | 'renamed' | 'retired' | 'restored' | 'converted';
  records: number;
  note: string;
}

export interface MigrationRefusal {
  field: string;
  from: string;
  to: string;
  records: number;
  conversions: string[];
  reason: string;
  kind: 'typeChange' | 'renameCollision';
}

export interface EntityMigration {
  entity: string;
  fromVersion: number;
  toVersion: number;
  steps: PlanStep[];
  effects: MigrationEffect[];
  refused: MigrationRefusal[];
}

/** What publishing these entity definitions would do to the tables as they are now. */
export interface MigrationPreview {
  migrations: EntityMigration[];
  /** Plans to apply (entities whose definition changed), in order. */
  plans: { def: EntityDefinition; plan: EntityPlan }[];
}

/** conversions: entity → field → conversion name. */
export async function previewMigrations(
  db: Kysely<any>,
  defs: EntityDefinition[],
  conversions: Record<string, Record<string, string>>,
  lang: Lang,
  options: { preferRestore?: boolean } = {},
): Promise<MigrationPreview> {
  const migrations: EntityMigration[] = [];
  const plans: { def: EntityDefinition; plan: EntityPlan }[] = [];
  for (const def of defs) {
    const previous = await latestVersion(db, def.name);
    if (previous && JSON.stringify(previous.def) === JSON.stringify(def)) continue;
    const { plan, typeChanges, collisions } = planEntityChange(previous, def, {
      retired: previous ? await retiredColumns(db, def.name) : [],
      conversions: conversions[def.name],
      preferRestore: options.preferRestore,
    });
    const table = tableName(def.name);
    const counter = previous ? new Counter(db, table) : undefined;
    const effects: MigrationEffect[] = [];
    const refused: MigrationRefusal[] = [];
    for (const step of plan.steps) {
      if (!counter) break;
      switch (step.op) {
        case 'addColumn':
          effects.push({ field: step.field, effect: 'added', records: await counter.total(), note: t(lang, 'studio.effect.added') });
          break;
        case 'renameColumn':
          effects.push({ field: step.to, effect: 'renamed', records: await counter.values(step.from), note: t(lang, 'studio.effect.renamed', { from: step.from, to: step.to }) });
          break;
        case 'retireColumn':
          effects.push({ field: step.field, effect: 'retired', records: await counter.values(step.field), note: t(lang, 'studio.effect.retired', { column: step.as }) });
          break;
        case 'restoreColumn':
          effects.push({ field: step.to, effect: 'restored', records: await counter.values(step.from), note: t(lang, 'studio.effect.restored', { column: step.from }) });
          break;
        case 'convertColumn': {
          const column = renamedSource(plan.steps, step.field);
          const { records, failed } = await counter.convertible(column, step);
          effects.push({
            field: step.field,
            effect: 'converted',
            records,
            note: t(lang, 'studio.effect.converted', { conversion: step.conversion, from: step.from, to: step.to, failed, column: step.keepAs }),
          });
          break;
        }
        default:
          break;
      }
    }
    for (const c of typeChanges) {
      refused.push({
        field: c.field,
        from: c.from,
        to: c.to,
        records: counter ? await counter.values(renamedSource(plan.steps, c.field)) : 0,
        conversions: c.conversions,
        kind: 'typeChange',
        reason: c.conversions.length ? t(lang, 'studio.refuse.typeChange', { field: c.field, from: c.from, to: c.to }) : t(lang, 'studio.refuse.noConversion', { field: c.field, from: c.from, to: c.to }),
      });
    }
    for (const c of collisions) {
      refused.push({
        field: c.field,
        from: c.from,
        to: c.field,
        records: counter ? await counter.values(c.from) : 0,
        conversions: [],
        kind: 'renameCollision',
        reason: t(lang, 'studio.refuse.renameCollision', { from: c.from, to: c.field }),
      });
    }
    migrations.push({ entity: def.name, fromVersion: plan.fromVersion, toVersion: plan.toVersion, steps: plan.steps, effects, refused });
    plans.push({ def, plan });
  }
  return { migrations, plans };
}

/** The column a field's values are in before the plan runs (its old name when renamed). */
function renamedSource(steps: PlanStep[], field: string): string {
  const rename = steps.find((s) => s.op === 'renameColumn' && s.to === field) as { from: string } | undefined;
  return rename?.from ?? field;
}

class Counter {
  private all?: number;
  constructor(private readonly db: Kysely<any>, private readonly table: string) {}

  async total(): Promise<number> {
    if (this.all === undefined) {
      const row = await this.db.selectFrom(this.table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      this.all = Number(row?.n ?? 0);
    }
    return this.all;
  }

  /** Records holding a value in the column. */
  async values(column: string): Promise<number> {
    const row = await this.db
      .selectFrom(this.table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where(sql.ref(column), 'is not', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** How many values a conversion takes and how many it cannot (read, never written). */
  async convertible(column: string, step: Extract<PlanStep, { op: 'convertColumn' }>): Promise<{ records: number; failed: number }> {
    let records = 0;
    let failed = 0;
    let after = '';
    for (;;) {
      const rows = await this.db.selectFrom(this.table).select(['id', sql.ref(column).as('v')]).where(sql.ref(column), 'is not', null).where('id', '>', after).orderBy('id').limit(1000).execute();
      if (!rows.length) break;
      for (const r of rows) {
        if (convertValue(step.conversion, r.v, step.from, step.to) === undefined) failed++;
        else records++;
      }
      after = rows[rows.length - 1].id as string;
    }
    return { records, failed };
  }
}

