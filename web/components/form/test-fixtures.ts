import type { GridFeatureCollection } from './types';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** Two grids: g1 with a hole, g2 a multipolygon whose second part fills that hole. */
export const testGrids: GridFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'g1', name: '第一网格' },
      geometry: { type: 'Polygon', coordinates: [square(112.4, 34.68, 112.41, 34.69), square(112.404, 34.684, 112.406, 34.686)] },
    },
    {
      type: 'Feature',
      properties: { id: 'g2', name: '第二网格' },
      geometry: { type: 'MultiPolygon', coordinates: [[square(112.41, 34.68, 112.42, 34.69)], [square(112.404, 34.684, 112.406, 34.686)]] },
    },
  ],
};
