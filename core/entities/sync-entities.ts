import type { Kysely } from 'kysely';
import type { EntityDefinition } from '../config/types.generated';
import type { GridworkDialect } from '../db';
import { applyPlan, type ConversionReport } from './apply-plan';
import { desiredIndexes, fieldColumns } from './field-columns';
import { planEntityMigration, type EntityPlan, type PlanStep, type RetiredColumn } from './migration-plan';

export interface AppliedVersion {
  version: number;
  def: EntityDefinition;
}

export async function latestVersion(db: Kysely<any>, entity: string): Promise<AppliedVersion | undefined> {
  const row = await db
    .selectFrom('entity_version')
    .select(['version', 'definition'])
    .where('entity', '=', entity)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: Number(row.version), def: JSON.parse(row.definition) } : undefined;
}

/** The definition an entity had at one applied version (records render with the version they were written in). */
export async function definitionAt(db: Kysely<any>, entity: string, version: number): Promise<EntityDefinition | undefined> {
  const row = await db.selectFrom('entity_version').select('definition').where('entity', '=', entity).where('version', '=', version).executeTakeFirst();
  return row ? JSON.parse(row.definition) : undefined;
}

/**
 * Retired columns still in an entity's table, from its version history: every retire (and
 * conversion) adds one with the type its field had, every restore takes one back.
 */
export async function retiredColumns(db: Kysely<any>, entity: string): Promise<RetiredColumn[]> {
  const rows = await db.selectFrom('entity_version').select(['version', 'definition', 'plan']).where('entity', '=', entity).orderBy('version').execute();
  const out = new Map<string, RetiredColumn>();
  let prevDef: EntityDefinition | undefined;
  for (const row of rows) {
    const plan = JSON.parse(row.plan) as EntityPlan;
    const prevTypes = new Map(prevDef ? fieldColumns(prevDef).map((c) => [c.field, c.type]) : []);
    for (const step of plan.steps as PlanStep[]) {
      if (step.op === 'retireColumn' && prevTypes.has(step.field)) out.set(step.as, { column: step.as, field: step.field, type: prevTypes.get(step.field)! });
      if (step.op === 'convertColumn') out.set(step.keepAs, { column: step.keepAs, field: step.field, type: step.from });
      if (step.op === 'restoreColumn') out.delete(step.from);
    }
    prevDef = JSON.parse(row.definition);
  }
  return [...out.values()];
}

/**
 * Brings every entity table to its declared definition. Each change is a recorded version: the
 * definition and the plan that applied it, in one transaction with the DDL (both dialects run DDL
 * transactionally for these statements), so a crash leaves either the old or the new version.
 */
export async function syncEntities(
  db: Kysely<any>,
  dialect: GridworkDialect,
  defs: EntityDefinition[],
  now: () => Date = () => new Date(),
): Promise<{ entity: string; version: number; plan?: EntityPlan }[]> {
  const out: { entity: string; version: number; plan?: EntityPlan }[] = [];
  for (const def of defs) {
    const previous = await latestVersion(db, def.name);
    if (previous && JSON.stringify(previous.def) === JSON.stringify(def)) {
      // The definition is unchanged, but a newer release may index more system columns.
      await applyPlan(db, dialect, {
        entity: def.name,
        fromVersion: previous.version,
        toVersion: previous.version,
        steps: desiredIndexes(def).map((ix) => ({ op: 'createIndex' as const, ...ix })),
      });
      out.push({ entity: def.name, version: previous.version });
      continue;
    }
    const plan = planEntityMigration(previous, def, { retired: previous ? await retiredColumns(db, def.name) : [] });
    await db.transaction().execute((trx) => recordAndApply(trx, dialect, def, plan, now));
    out.push({ entity: def.name, version: plan.toVersion, plan });
  }
  return out;
}

/**
 * Records an entity version and applies its plan inside the caller's transaction (the studio
 * publishes all entities, the config version and the audit entry in one).
 */
export async function recordAndApply(trx: Kysely<any>, dialect: GridworkDialect, def: EntityDefinition, plan: EntityPlan, now: () => Date): Promise<ConversionReport[]> {
  // The version row goes in first: a second instance syncing at the same moment hits the
  // primary key and rolls back instead of applying the same DDL twice.
  await trx
    .insertInto('entity_version')
    .values({
      entity: def.name,
      version: plan.toVersion,
      definition: JSON.stringify(def),
      plan: JSON.stringify(plan),
      applied_at: now().toISOString(),
    })
    .execute();
  return applyPlan(trx, dialect, plan);
}
