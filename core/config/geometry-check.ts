import type { ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import type { MultiPolygon, Polygon } from './types.generated';

/**
 * What JSON Schema cannot say about a polygon: every ring closed, enclosing some area and not
 * crossing itself. (Structure and coordinate ranges are the schema's job.)
 */
export function checkPolygon(geometry: Polygon | MultiPolygon, pointer: string, file: string, lang: Lang): ErrorIssue[] {
  const polygons = geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : [];
  const issues: ErrorIssue[] = [];
  // Runs on files that failed their schema too (to report everything at once): skip what the
  // schema has already reported as malformed.
  const wellFormed = (ring: unknown) =>
    Array.isArray(ring) && ring.length >= 4 && ring.every((pos) => Array.isArray(pos) && typeof pos[0] === 'number' && typeof pos[1] === 'number');
  (Array.isArray(polygons) ? polygons : []).forEach((rings, p) => {
    (Array.isArray(rings) ? rings : []).forEach((ring, r) => {
      if (!wellFormed(ring)) return;
      const path = geometry.type === 'Polygon' ? `${pointer}/coordinates/${r}` : `${pointer}/coordinates/${p}/${r}`;
      const bad = ring.findIndex((pos) => !positionInRange(pos));
      if (bad >= 0) {
        issues.push({ file, path: `${path}/${bad}`, message: t(lang, 'config.coordinateRange'), code: 'coordinateRange' });
        return;
      }
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        issues.push({ file, path, message: t(lang, 'config.ringNotClosed'), code: 'ringNotClosed' });
      } else if (ringSelfIntersects(ring)) {
        // Before the area: a symmetric bow-tie's signed area is zero too, but crossing is what to fix.
        issues.push({ file, path, message: t(lang, 'config.ringSelfIntersects'), code: 'ringSelfIntersects' });
      } else if (ringArea(ring) === 0) {
        issues.push({ file, path, message: t(lang, 'config.ringDegenerate'), code: 'ringDegenerate' });
      }
    });
  });
  return issues;
}

/** Shoelace area in squared degrees (sign tells orientation). */
export function ringArea(ring: ReadonlyArray<ReadonlyArray<number>>): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** Longitude within ±180°, latitude within ±90° (the schema only knows they are numbers). */
export function positionInRange(pos: ReadonlyArray<number>): boolean {
  return Math.abs(pos[0]) <= 180 && Math.abs(pos[1]) <= 90;
}

/**
 * Whether two edges of a closed ring that are not neighbours touch or cross (a bow-tie, a spike
 * doubling back). Pairwise with a bounding-box test first: grid rings have a handful of vertices,
 * and even a 2,000-vertex boundary stays well under a second.
 */
export function ringSelfIntersects(ring: ReadonlyArray<ReadonlyArray<number>>): boolean {
  const n = ring.length - 1; // edges; the last position repeats the first
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a vertex by construction; the first and last edge too.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsTouch(a, b, ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

function segmentsTouch(p1: ReadonlyArray<number>, p2: ReadonlyArray<number>, q1: ReadonlyArray<number>, q2: ReadonlyArray<number>): boolean {
  if (Math.max(p1[0], p2[0]) < Math.min(q1[0], q2[0]) || Math.max(q1[0], q2[0]) < Math.min(p1[0], p2[0])) return false;
  if (Math.max(p1[1], p2[1]) < Math.min(q1[1], q2[1]) || Math.max(q1[1], q2[1]) < Math.min(p1[1], p2[1])) return false;
  const d1 = orientation(q1, q2, p1);
  const d2 = orientation(q1, q2, p2);
  const d3 = orientation(p1, p2, q1);
  const d4 = orientation(p1, p2, q2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  // Collinear or touching: an endpoint lies on the other segment (within its bounding box).
  return (d1 === 0 && onSegment(q1, q2, p1)) || (d2 === 0 && onSegment(q1, q2, p2)) || (d3 === 0 && onSegment(p1, p2, q1)) || (d4 === 0 && onSegment(p1, p2, q2));
}

function orientation(a: ReadonlyArray<number>, b: ReadonlyArray<number>, c: ReadonlyArray<number>): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: ReadonlyArray<number>, b: ReadonlyArray<number>, p: ReadonlyArray<number>): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}
