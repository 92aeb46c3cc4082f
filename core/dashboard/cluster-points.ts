export interface MapPoint {
  id: string;
  lng: number;
  lat: number;
}

export interface Cluster<P extends MapPoint> {
  lng: number;
  lat: number;
  count: number;
  /** The points themselves when the cluster is a single point (click goes to the case). */
  points: P[];
}

/**
 * Groups points into square cells of `cellDegrees` (a screen-sized cell at the current zoom):
 * each cell becomes one marker at its points' centroid, counted. Dense areas stay readable and
 * a map of thousands of cases draws hundreds of markers.
 */
export function clusterPoints<P extends MapPoint>(points: P[], cellDegrees: number): Cluster<P>[] {
  if (!(cellDegrees > 0)) return points.map((p) => ({ lng: p.lng, lat: p.lat, count: 1, points: [p] }));
  const cells = new Map<string, P[]>();
  for (const p of points) {
    const key = `${Math.floor(p.lng / cellDegrees)}:${Math.floor(p.lat / cellDegrees)}`;
    const cell = cells.get(key);
    if (cell) cell.push(p);
    else cells.set(key, [p]);
  }
  return [...cells.values()].map((members) => ({
    lng: members.reduce((a, p) => a + p.lng, 0) / members.length,
    lat: members.reduce((a, p) => a + p.lat, 0) / members.length,
    count: members.length,
    points: members,
  }));
}
