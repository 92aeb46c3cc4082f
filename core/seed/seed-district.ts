import type { Runtime } from '../runtime';
import { readMeta, writeMeta } from '../runtime';
import { systemContext } from '../entities';
import { demoCase } from './demo-cases';

export type SeedScale = 'demo' | 'city';

export const SEED_CASES: Record<SeedScale, number> = { demo: 600, city: 1_000_000 };
const SEED_ENTITY = 'incidentCase';
const GRID_KINDS = new Set(['grid', 'microGrid', 'dedicatedGrid']);

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
