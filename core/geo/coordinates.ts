import gcoord from 'gcoord';

export type CoordinateSystem = 'WGS84' | 'GCJ02' | 'BD09';

const CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/**
 * A point from one Chinese coordinate system to another (GCJ-02 and BD-09 are offset from WGS-84
 * by up to ~600 m, enough to land in the wrong grid). gcoord leaves points outside China as they are.
 */
export function convertPoint(lng: number, lat: number, from: CoordinateSystem, to: CoordinateSystem): { lng: number; lat: number } {
  if (from === to) return { lng, lat };
  const [x, y] = gcoord.transform([lng, lat], CRS[from], CRS[to]) as [number, number];
  return { lng: round7(x), lat: round7(y) };
}

// Seven decimals is ~1 cm: enough, and stored values stay short.
const round7 = (n: number) => Math.round(n * 1e7) / 1e7;
