import { metresToDegrees } from '../geo';

/**
 * Places bucketed in cells of 0.01° (about 1.1 km north–south, 0.9 km east–west in Henan): a
 * "cases near this point" query becomes an indexed lookup of a handful of cell keys.
 */
const CELL_DEGREES = 0.01;

export function cellOf(lng: number, lat: number): string {
  return `${Math.floor(lng / CELL_DEGREES)}:${Math.floor(lat / CELL_DEGREES)}`;
}

/** Every cell a circle of `metres` around the point touches. */
export function cellsAround(lng: number, lat: number, metres: number): string[] {
  const { dLng, dLat } = metresToDegrees(metres, lat);
  const x0 = Math.floor((lng - dLng) / CELL_DEGREES);
  const x1 = Math.floor((lng + dLng) / CELL_DEGREES);
  const y0 = Math.floor((lat - dLat) / CELL_DEGREES);
  const y1 = Math.floor((lat + dLat) / CELL_DEGREES);
  const out: string[] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(`${x}:${y}`);
  return out;
}
