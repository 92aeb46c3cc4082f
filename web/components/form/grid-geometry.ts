import { polygonContains } from '../../../core/geo/polygon-geometry';
import type { GridFeatureCollection } from './types';

type Feature = GridFeatureCollection['features'][number];
type Ring = number[][];

export function polygonsOf(feature: Feature): Ring[][] {
  const g = feature.geometry;
  if (!g) return [];
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function featureContains(feature: Feature, lng: number, lat: number): boolean {
  // The same test the server routes with, so the grid shown is the grid the case goes to.
  return polygonsOf(feature).some((rings) => polygonContains(rings, lng, lat));
}

/** The grid a point falls in (the first, should polygons overlap), client-side. */
export function findGrid(grids: GridFeatureCollection | undefined, lng: number, lat: number): Feature | undefined {
  return grids?.features.find((f) => featureContains(f, lng, lat));
}

/** Web Mercator in 256-px tiles at zoom `z`, so optional map tiles line up with the polygons. */
export function project(lng: number, lat: number, z: number): [number, number] {
  const scale = 256 * 2 ** z;
  const sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return [((lng + 180) / 360) * scale, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale];
}

export function unproject(x: number, y: number, z: number): [number, number] {
  const scale = 256 * 2 ** z;
  const lng = (x / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / scale;
  return [lng, (180 / Math.PI) * Math.atan(Math.sinh(n))];
}

export interface MapFrame {
  z: number;
  minX: number;
  minY: number;
  width: number;
  height: number;
  paths: { id: string; name: string; d: string }[];
}

const frames = new WeakMap<GridFeatureCollection, MapFrame>();

/** Projects every grid once per collection (every location field of a page shares it). */
export function mapFrame(grids: GridFeatureCollection, size = 720): MapFrame {
  const cached = size === 720 ? frames.get(grids) : undefined;
  if (cached) return cached;
  const frame = projectFrame(grids, size);
  if (size === 720) frames.set(grids, frame);
  return frame;
}

/** The zoom that fits all grids in ~`size` px, the view box and SVG paths. */
function projectFrame(grids: GridFeatureCollection, size: number): MapFrame {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const f of grids.features) {
    for (const rings of polygonsOf(f)) {
      for (const [lng, lat] of rings[0] ?? []) {
        w = Math.min(w, lng);
        e = Math.max(e, lng);
        s = Math.min(s, lat);
        n = Math.max(n, lat);
      }
    }
  }
  if (w > e) [w, s, e, n] = [73, 18, 135, 54];
  const [x0, y0] = project(w, n, 0);
  const [x1, y1] = project(e, s, 0);
  const z = Math.max(0, Math.min(19, Math.floor(Math.log2(size / Math.max(x1 - x0, y1 - y0, 1e-9)))));
  const [minX, minY] = project(w, n, z);
  const [maxX, maxY] = project(e, s, z);
  const pad = 12;
  const paths = grids.features.map((f, i) => ({
    id: String(f.properties?.id ?? i),
    name: String(f.properties?.name ?? f.properties?.id ?? i),
    d: polygonsOf(f)
      .flatMap((rings) =>
        rings.map(
          (ring) =>
            'M' +
            ring
              .map(([lng, lat]) => {
                const [x, y] = project(lng, lat, z);
                return `${(x - minX + pad).toFixed(1)},${(y - minY + pad).toFixed(1)}`;
              })
              .join('L') +
            'Z',
        ),
      )
      .join(''),
  }));
  return { z, minX: minX - pad, minY: minY - pad, width: maxX - minX + 2 * pad, height: maxY - minY + 2 * pad, paths };
}
