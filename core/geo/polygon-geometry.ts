/** A polygon as rings of [lng, lat] positions: the first ring is the outline, the others holes. */
export type PolygonRings = ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>;

/**
 * Crossing-number test on one ring. Half-open on purpose: a point on an edge shared by two
 * neighbouring grids counts as inside exactly one of them (the one to its east/north), so a
 * boundary point never routes to two grids.
 */
export function ringContains(ring: ReadonlyArray<ReadonlyArray<number>>, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outline and outside every hole. */
export function polygonContains(rings: PolygonRings, x: number, y: number): boolean {
  if (!rings.length || !ringContains(rings[0], x, y)) return false;
  for (let h = 1; h < rings.length; h++) if (ringContains(rings[h], x, y)) return false;
  return true;
}

const METRES_PER_DEGREE = 111_320;

/**
 * Distance in metres from a point to a polygon's boundary (0 when inside), on a local
 * equirectangular projection: exact enough for the few hundred metres routing cares about.
 */
export function distanceToPolygonMetres(rings: PolygonRings, x: number, y: number): number {
  if (polygonContains(rings, x, y)) return 0;
  const kx = METRES_PER_DEGREE * Math.cos((y * Math.PI) / 180);
  const ky = METRES_PER_DEGREE;
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = (ring[j][0] - x) * kx;
      const ay = (ring[j][1] - y) * ky;
      const bx = (ring[i][0] - x) * kx;
      const by = (ring[i][1] - y) * ky;
      best = Math.min(best, segmentDistanceToOrigin(ax, ay, bx, by));
    }
  }
  return best;
}

function segmentDistanceToOrigin(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Degrees of longitude and latitude spanning `metres` around latitude `lat`. */
export function metresToDegrees(metres: number, lat: number): { dLng: number; dLat: number } {
  return { dLat: metres / METRES_PER_DEGREE, dLng: metres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos((lat * Math.PI) / 180))) };
}

/** Great-circle-free planar distance between two nearby points, in metres. */
export function planarDistanceMetres(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const kx = METRES_PER_DEGREE * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot((lng2 - lng1) * kx, (lat2 - lat1) * METRES_PER_DEGREE);
}

/** Area in squared degrees of the outline minus holes: ranks nested grids, smallest wins. */
export function polygonArea(rings: PolygonRings): number {
  let area = 0;
  rings.forEach((ring, i) => {
    let sum = 0;
    for (let k = 0; k < ring.length - 1; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
    area += (i === 0 ? 1 : -1) * Math.abs(sum / 2);
  });
  return area;
}
