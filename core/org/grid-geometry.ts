import type { OrgUnitSpec } from '../config';
import type { MultiPolygon, Polygon } from '../config/types.generated';
import { isInSubtree } from './org-path';
import type { OrgDirectory } from './org-directory';

export interface GridFeature {
  type: 'Feature';
  id: string;
  properties: { id: string; name: string; nameEn: string | null; level: string; kind: string; parentId: string | null };
  geometry: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: GridFeature[];
}

const cache = new WeakMap<readonly OrgUnitSpec[], GridFeature[]>();

/** Every unit of the config that has a polygon (grids), as GeoJSON features with a bbox each. */
export function gridFeatures(units: readonly OrgUnitSpec[]): GridFeature[] {
  let features = cache.get(units);
  if (!features) {
    features = units
      .filter((u): u is OrgUnitSpec & { geometry: Polygon | MultiPolygon } => !!u.geometry)
      .map((u) => ({
        type: 'Feature' as const,
        id: u.id,
        properties: { id: u.id, name: u.name, nameEn: u.nameEn ?? null, level: u.level, kind: u.kind, parentId: u.parent ?? null },
        geometry: u.geometry,
        bbox: bbox(u.geometry),
      }));
    cache.set(units, features);
  }
  return features;
}

/** The grids in the subtree of `under` (all grids without it). */
export function gridCollection(units: readonly OrgUnitSpec[], org: OrgDirectory, under?: string): GridFeatureCollection {
  const root = under ? org.get(under) : undefined;
  const features = gridFeatures(units).filter((f) => {
    if (!root) return true;
    const unit = org.get(f.id);
    return !!unit && isInSubtree(unit.path, root.path);
  });
  return { type: 'FeatureCollection', features };
}

function polygonsOf(geometry: Polygon | MultiPolygon): number[][][][] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
}

function bbox(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygonsOf(geometry)) {
    for (const [x, y] of rings[0] ?? []) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  }
  return [w, s, e, n];
}

/** Even-odd ray casting: inside the outer ring and outside every hole. */
