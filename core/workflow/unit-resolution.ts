import type { DistrictBundle } from '../config';
import type { OrgDirectory, OrgUnitInfo } from '../org';

const LEVEL_KINDS = new Set(['area', 'grid', 'microGrid', 'dedicatedGrid', 'building']);

/**
 * Where a case escalates from `unitId`: one level up the tree (skipping departments and centres,
 * which sit beside the levels), or — for 提级响应 — straight to the ancestor at a named level.
 * The level's `escalatesTo` in the config overrides "one up".
 */
export function escalationTarget(bundle: DistrictBundle, org: OrgDirectory, unitId: string, level?: string): OrgUnitInfo | undefined {
  const unit = org.get(unitId);
  if (!unit) return undefined;
  const wanted = level ?? bundle.district.orgLevels.find((l) => l.key === unit.level)?.escalatesTo;
  for (let cur = unit.parentId ? org.get(unit.parentId) : undefined; cur; cur = cur.parentId ? org.get(cur.parentId) : undefined) {
    if (!LEVEL_KINDS.has(cur.kind)) continue;
    if (!wanted || cur.level === wanted) return cur;
  }
  return undefined;
}

/** Units whose role holders see notifications addressed to `unitId` (a centre answers for its area). */
export function unitsAnswering(org: OrgDirectory, unitId: string): string[] {
  const out = [unitId];
  for (const child of org.children(unitId)) if (child.kind === 'commandCentre') out.push(child.id);
  return out;
}
