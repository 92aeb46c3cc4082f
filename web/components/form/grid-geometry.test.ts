import { describe, expect, it } from 'vitest';
import { findGrid, mapFrame, project, unproject } from './grid-geometry';
import { testGrids } from './test-fixtures';

describe('grid geometry', () => {
  it('finds the grid containing a point, honouring holes and multipolygons', () => {
    expect(findGrid(testGrids, 112.401, 34.681)?.properties?.id).toBe('g1');
    expect(findGrid(testGrids, 112.415, 34.685)?.properties?.id).toBe('g2');
    // Inside g1's hole, which is g2's second polygon.
    expect(findGrid(testGrids, 112.405, 34.685)?.properties?.id).toBe('g2');
    expect(findGrid(testGrids, 112.5, 34.685)).toBeUndefined();
  });

  it('projects to Web Mercator pixels and back', () => {
    const [x, y] = project(112.405, 34.685, 15);
    const [lng, lat] = unproject(x, y, 15);
    expect(lng).toBeCloseTo(112.405, 9);
    expect(lat).toBeCloseTo(34.685, 9);
  });

  it('frames all grids at a zoom that fits and draws one path per grid', () => {
    const frame = mapFrame(testGrids, 720);
    expect(frame.paths.map((p) => p.id)).toEqual(['g1', 'g2']);
    expect(Math.max(frame.width, frame.height)).toBeLessThanOrEqual(720 + 24);
    expect(Math.max(frame.width, frame.height)).toBeGreaterThan(360);
    expect(frame.paths[1].d.match(/M/g)).toHaveLength(2);
  });
});
