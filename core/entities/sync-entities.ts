import type { Kysely } from 'kysely';
import type { EntityDefinition } from '../config/types.generated';
import type { GridworkDialect } from '../db';
import { applyPlan } from './apply-plan';
import { desiredIndexes } from './field-columns';
import { planEntityMigration, type EntityPlan } from './migration-plan';

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
    const plan = planEntityMigration(previous, def);
    await db.transaction().execute(async (trx) => {
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
      await applyPlan(trx, dialect, plan);
    });
    out.push({ entity: def.name, version: plan.toVersion, plan });
  }
  return out;
}
