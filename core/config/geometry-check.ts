import type { ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import type { MultiPolygon, Polygon } from './types.generated';

/**
 * What JSON Schema cannot say about a polygon: every ring closed and enclosing some area.
 * (Structure and coordinate ranges are the schema's job.)
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
