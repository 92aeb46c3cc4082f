import type { Runtime } from '../runtime';
import { readMeta, writeMeta } from '../runtime';
import { systemContext } from '../entities';
import { demoCase } from './demo-cases';
import { demoAccounts } from './demo-accounts';
import { demoPlace, demoResident, PLACES_PER_GRID, RESIDENTS_PER_GRID } from './demo-register';

export type SeedScale = 'demo' | 'city';

export const SEED_CASES: Record<SeedScale, number> = { demo: 600, city: 1_000_000 };
const SEED_ENTITY = 'incidentCase';
const GRID_KINDS = new Set(['grid', 'microGrid', 'dedicatedGrid']);
/** Grids that get demo residents and places: the first ones in path order, the demo accounts' own and those with buildings. */
const REGISTER_GRIDS = 40;

export interface SeedProgress {
  done: number;
  total: number;
}

/**
 * Demo records for a district. Idempotent and resumable: the number of seeded records is kept in
 * gridwork_meta after every batch, and record i is always the same record, so a second run adds
 * only what is missing.
 */
export async function seedDistrict(
  runtime: Runtime,
  options: { scale: SeedScale; cases?: number; batchSize?: number; onProgress?: (p: SeedProgress) => void },
): Promise<{ created: number; total: number }> {
  const total = options.cases ?? SEED_CASES[options.scale];
  const key = `seed:${SEED_ENTITY}`;
  // Enabled plugins' own demo data (idempotent), e.g. Zhongzhan's hazard sources.
  await runtime.plugins.seed();
  await seedRegister(runtime);
  let done = Number((await readMeta(runtime.db, key)) ?? 0);
  if (!runtime.registry.has(SEED_ENTITY) || done >= total) return { created: 0, total: done };
  const grids = [...runtime.org.all()].filter((u) => GRID_KINDS.has(u.kind));
  const source = { grids, bundle: runtime.bundle, until: new Date(Date.UTC(2026, 10, 1)), days: 365 };
  const batchSize = options.batchSize ?? 2000;
  const ctx = { ...systemContext(), actor: { id: 'seed' } };
  const start = done;
  while (done < total) {
    const n = Math.min(batchSize, total - done);
    const batch = Array.from({ length: n }, (_, k) => demoCase(source, done + k));
    await runtime.entities.createMany(ctx, SEED_ENTITY, batch);
    done += n;
    await writeMeta(runtime.db, key, String(done), runtime.now());
    options.onProgress?.({ done, total });
  }
  return { created: done - start, total: done };
}

/**
 * Demo residents (居民) and places (场所) in a few grids, when the district declares those
 * entities. Runs once per entity (a marker in gridwork_meta); the records are a pure function of
 * the grid, so the demo grid worker always finds the same people in his grid.
 */
async function seedRegister(runtime: Runtime): Promise<void> {
  const units = [...runtime.org.all()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const grids = units.filter((u) => GRID_KINDS.has(u.kind));
  const own = new Set(demoAccounts(runtime.bundle, runtime.org).map((a) => a.unitId));
  const withBuildings = new Set(units.filter((u) => u.level === 'building').map((u) => u.parentId));
  const chosen = grids.filter((g, i) => i < REGISTER_GRIDS || own.has(g.id) || withBuildings.has(g.id));
  const until = new Date(Date.UTC(2026, 10, 1));
  const ctx = { ...systemContext(), actor: { id: 'seed' } };
  const sources = chosen.map((grid) => ({ bundle: runtime.bundle, grid, until, buildings: units.filter((u) => u.parentId === grid.id && u.level === 'building') }));
  const kinds = [
    { entity: 'resident', per: RESIDENTS_PER_GRID, make: demoResident },
    { entity: 'place', per: PLACES_PER_GRID, make: demoPlace },
  ];
  for (const { entity, per, make } of kinds) {
    const key = `seed:${entity}`;
    if (!runtime.registry.has(entity) || (await readMeta(runtime.db, key))) continue;
    const records = sources.flatMap((source) => Array.from({ length: per }, (_, k) => make(source, k)));
    await runtime.entities.createMany(ctx, entity, records);
    await writeMeta(runtime.db, key, String(records.length), runtime.now());
  }
}
