import { describe, expect, it } from 'vitest';
import { clusterPoints } from './cluster-points';

describe('point clustering', () => {
  it('merges points in one cell at their centroid and keeps lone points as themselves', () => {
    const pts = [
      { id: 'a', lng: 112.401, lat: 34.601 },
      { id: 'b', lng: 112.403, lat: 34.603 },
      { id: 'c', lng: 112.409, lat: 34.609 },
      { id: 'd', lng: 112.451, lat: 34.651 },
    ];
    const clusters = clusterPoints(pts, 0.01);
    expect(clusters).toHaveLength(2);
    const big = clusters.find((c) => c.count === 3)!;
    expect(big.lng).toBeCloseTo(112.40433, 4);
    expect(big.lat).toBeCloseTo(34.60433, 4);
    expect(clusters.find((c) => c.count === 1)!.points[0].id).toBe('d');
    expect(clusterPoints(pts, 0)).toHaveLength(4);
  });
});
