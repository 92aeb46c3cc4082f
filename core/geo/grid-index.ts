import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from '../config/types.generated';
import { distanceToPolygonMetres, metresToDegrees, polygonArea, polygonContains, type PolygonRings } from './polygon-geometry';

export interface GridShape {
  id: string;
  geometry: Polygon | MultiPolygon;
}

export interface GridHit {
  gridId: string;
  /** 0 when the point is inside the grid. */
  distanceMetres: number;
}

/** Points closer than this to a grid's edge are on it (GPS cannot tell better). */
const ON_EDGE_METRES = 0.05;

/**
 * Every grid polygon of a district in a packed R-tree (flatbush): a lookup touches the few
 * polygons whose boxes hold the point, then tests them exactly (holes and multipolygons
 * included). Built once per runtime; Zhengzhou's 28k grids take tens of milliseconds.
 */
export class GridIndex {
  private readonly tree: Flatbush | null;
  /** One entry per polygon part, in the order they were added to the tree. */
  private readonly parts: { gridId: string; rings: PolygonRings; area: number }[] = [];

  constructor(grids: Iterable<GridShape>) {
    const areas = new Map<string, number>();
    for (const grid of grids) {
      const polygons = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
      let area = 0;
      for (const rings of polygons) {
        if (!rings.length || rings[0].length < 4) continue;
        area += polygonArea(rings);
        this.parts.push({ gridId: grid.id, rings, area: 0 });
      }
      areas.set(grid.id, area);
    }
    for (const part of this.parts) part.area = areas.get(part.gridId)!;
    if (!this.parts.length) {
      this.tree = null;
      return;
    }
    this.tree = new Flatbush(this.parts.length);
    for (const { rings } of this.parts) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const [x, y] of rings[0]) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      this.tree.add(minX, minY, maxX, maxY);
    }
    this.tree.finish();
  }

  get size(): number {
    return new Set(this.parts.map((p) => p.gridId)).size;
  }

  /**
   * The grid containing the point; where grids nest (Zhengzhou's three levels), the smallest.
   * A point exactly on a shared edge belongs to one neighbour only (see ringContains); a point on
   * the district's outer edge belongs to the grid whose edge it is.
   */
  locate(lng: number, lat: number): string | undefined {
    if (!this.tree) return undefined;
    const best = { gridId: undefined as string | undefined, area: Infinity, touched: false };
    // The test runs inside the tree walk and the filter answers false: no result array is built.
    this.tree.search(lng, lat, lng, lat, (i) => {
      best.touched = true;
      const part = this.parts[i];
      if (part.area < best.area && polygonContains(part.rings, lng, lat)) {
        best.gridId = part.gridId;
        best.area = part.area;
      }
      return false;
    });
    if (best.gridId || !best.touched) return best.gridId;
    this.tree.search(lng, lat, lng, lat, (i) => {
      const part = this.parts[i];
      if (part.area < best.area && distanceToPolygonMetres(part.rings, lng, lat) <= ON_EDGE_METRES) {
        best.gridId = part.gridId;
        best.area = part.area;
      }
      return false;
    });
    return best.gridId;
  }

  /** The closest grid within `maxMetres` of the point (by distance to its edge), if any. */
  nearest(lng: number, lat: number, maxMetres: number): GridHit | undefined {
    if (!this.tree || !(maxMetres > 0)) return undefined;
    const { dLng, dLat } = metresToDegrees(maxMetres, lat);
    let best: GridHit | undefined;
    for (const i of this.tree.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
      const part = this.parts[i];
      const d = distanceToPolygonMetres(part.rings, lng, lat);
      if (d <= maxMetres && (!best || d < best.distanceMetres)) best = { gridId: part.gridId, distanceMetres: d };
    }
    return best;
  }
}
