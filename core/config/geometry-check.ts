import type { ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import type { MultiPolygon, Polygon } from './types.generated';

/**
 * What JSON Schema cannot say about a polygon: every ring closed and enclosing some area.
 * (Structure and coordinate ranges are the schema's job.)
 */
export function checkPolygon(geometry: Polygon | MultiPolygon, pointer: string, file: string, lang: Lang): ErrorIssue[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const issues: ErrorIssue[] = [];
  polygons.forEach((rings, p) => {
    rings.forEach((ring, r) => {
      const path = geometry.type === 'Polygon' ? `${pointer}/coordinates/${r}` : `${pointer}/coordinates/${p}/${r}`;
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
