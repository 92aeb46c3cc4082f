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

/** The grid whose polygon holds the point (the deepest, then first, when grids nest). */
export function gridAt(units: readonly OrgUnitSpec[], org: OrgDirectory, point: { lng: number; lat: number }): GridFeature | undefined {
  let best: GridFeature | undefined;
  for (const f of gridFeatures(units)) {
    const [w, s, e, n] = f.bbox;
    if (point.lng < w || point.lng > e || point.lat < s || point.lat > n) continue;
    if (!inGeometry(f.geometry, point.lng, point.lat)) continue;
    if (!best || (org.get(f.id)?.depth ?? 0) > (org.get(best.id)?.depth ?? 0)) best = f;
  }
  return best;
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
function inGeometry(geometry: Polygon | MultiPolygon, x: number, y: number): boolean {
  return polygonsOf(geometry).some((rings) => rings.length > 0 && inRing(rings[0], x, y) && !rings.slice(1).some((hole) => inRing(hole, x, y)));
}

function inRing(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
