import type { Kysely } from 'kysely';
import type { OrgUnitSpec } from '../config';
import { childPath } from './org-path';

export interface OrgUnitRow {
  id: string;
  name: string;
  name_en: string | null;
  level: string;
  kind: string;
  parent_id: string | null;
  path: string;
  depth: number;
  code: string | null;
  households: number | null;
  population: number | null;
  geometry: string | null;
  created_at: string;
  updated_at: string;
}

/** Rows for the org_unit table with paths and depths computed from the parent links (parents first). */
export function orgUnitRows(units: OrgUnitSpec[], now: Date): OrgUnitRow[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known) return known;
    // Iterative walk: Zhengzhou's tree is shallow, but config errors must not blow the stack.
    const chain: OrgUnitSpec[] = [];
    let cur = byId.get(id);
    while (cur && !paths.has(cur.id)) {
      chain.push(cur);
      cur = cur.parent ? byId.get(cur.parent) : undefined;
    }
    let path = cur ? paths.get(cur.id) : undefined;
    for (const unit of chain.reverse()) {
      path = childPath(path, unit.id);
      paths.set(unit.id, path);
    }
    return paths.get(id)!;
  };
  const stamp = now.toISOString();
  const rows = units.map((u) => {
    const path = pathOf(u.id);
    return {
      id: u.id,
      name: u.name,
      name_en: u.nameEn ?? null,
      level: u.level,
      kind: u.kind,
      parent_id: u.parent ?? null,
      path,
      depth: path.split('/').length - 3,
      code: u.code ?? null,
      households: u.households ?? null,
      population: u.population ?? null,
      geometry: u.geometry ? JSON.stringify(u.geometry) : null,
      created_at: stamp,
      updated_at: stamp,
    };
  });
  return rows.sort((a, b) => a.depth - b.depth);
}

/**
 * Upserts the org tree (idempotent: running it twice changes nothing but updated_at).
 * Units are never deleted here: records point at them; removal is an admin operation.
 */
export async function importOrgUnits(
  db: Kysely<any>,
  units: OrgUnitSpec[],
  options: { now?: Date; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<number> {
  const rows = orgUnitRows(units, options.now ?? new Date());
  const batchSize = options.batchSize ?? 500;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      await trx
        .insertInto('org_unit')
        .values(batch)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            name_en: eb.ref('excluded.name_en'),
            level: eb.ref('excluded.level'),
            kind: eb.ref('excluded.kind'),
            parent_id: eb.ref('excluded.parent_id'),
            path: eb.ref('excluded.path'),
            depth: eb.ref('excluded.depth'),
            code: eb.ref('excluded.code'),
            households: eb.ref('excluded.households'),
            population: eb.ref('excluded.population'),
            geometry: eb.ref('excluded.geometry'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      options.onProgress?.(Math.min(i + batchSize, rows.length), rows.length);
    }
  });
  return rows.length;
}
