import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { loadDistrict } from '../config';
import { OrgDirectory } from '../org';
import { CaseRouter } from './case-router';
import { GridIndex, type GridShape } from './grid-index';
import { polygonArea, polygonContains } from './polygon-geometry';

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

/** Two neighbours sharing the edge x = 113.01, one with a hole, and a two-part grid. */
const shapes = [
  { id: 'west', geometry: { type: 'Polygon' as const, coordinates: [square(113.0, 34.0, 113.01, 34.01)] } },
  { id: 'east', geometry: { type: 'Polygon' as const, coordinates: [square(113.01, 34.0, 113.02, 34.01), square(113.014, 34.004, 113.016, 34.006)] } },
  { id: 'islands', geometry: { type: 'MultiPolygon' as const, coordinates: [[square(113.1, 34.0, 113.11, 34.01)], [square(113.2, 34.0, 113.21, 34.01)]] } },
  // A small grid nested in the hole of "east" and another nested inside "west" (Zhengzhou's levels).
  { id: 'holeFill', geometry: { type: 'Polygon' as const, coordinates: [square(113.0145, 34.0045, 113.0155, 34.0055)] } },
  { id: 'westInner', geometry: { type: 'Polygon' as const, coordinates: [square(113.002, 34.002, 113.004, 34.004)] } },
];

describe('grid index', () => {
  // Test shapes are plain arrays; the generated GeoJSON types want tuples.
  const index = new GridIndex(shapes as unknown as GridShape[]);

  it('finds the grid holding a point, the smallest where grids nest', () => {
    expect(index.locate(113.005, 34.008)).toBe('west');
    expect(index.locate(113.003, 34.003)).toBe('westInner');
    expect(index.locate(113.018, 34.002)).toBe('east');
    expect(index.size).toBe(5);
  });

  it('gives a point on a shared edge to exactly one neighbour, and keeps outer edges', () => {
    expect(index.locate(113.01, 34.005)).toBe('east');
    // The outer edges of the two (west side of west, east side of east, bottom and top).
    expect(index.locate(113.0, 34.005)).toBe('west');
    expect(index.locate(113.02, 34.005)).toBe('east');
    expect(index.locate(113.005, 34.01)).toBe('west');
    expect(index.locate(113.005, 34.0)).toBe('west');
  });

  it('excludes a hole, unless another grid fills it', () => {
    expect(index.locate(113.0142, 34.0042)).toBeUndefined();
    expect(index.locate(113.015, 34.005)).toBe('holeFill');
  });

  it('finds both parts of a multipolygon grid', () => {
    expect(index.locate(113.105, 34.005)).toBe('islands');
    expect(index.locate(113.205, 34.005)).toBe('islands');
    expect(index.locate(113.15, 34.005)).toBeUndefined();
  });

  it('finds the nearest grid within a distance, and none beyond it', () => {
    // 0.001° of longitude at 34° N is ~92 m.
    const near = index.nearest(113.021, 34.005, 200)!;
    expect(near.gridId).toBe('east');
    expect(near.distanceMetres).toBeGreaterThan(85);
    expect(near.distanceMetres).toBeLessThan(100);
    expect(index.nearest(113.021, 34.005, 50)).toBeUndefined();
    expect(index.nearest(113.05, 34.005, 200)).toBeUndefined();
    expect(index.nearest(113.021, 34.005, 0)).toBeUndefined();
  });

  it('holds nothing when there are no grids', () => {
    const empty = new GridIndex([]);
    expect(empty.locate(113, 34)).toBeUndefined();
    expect(empty.nearest(113, 34, 1000)).toBeUndefined();
  });
});

describe('Zhengzhou grid set', () => {
  const bundle = loadDistrict('configs/zhengzhou', 'en');
  const grids = bundle.units.filter((u) => u.geometry);
  const index = new GridIndex(grids.map((u) => ({ id: u.id, geometry: u.geometry! })));

  it('indexes all 28,162 grids and agrees with a brute-force scan (smallest containing grid)', () => {
    expect(index.size).toBe(28_162);
    const shapes = grids.map((u) => ({ id: u.id, rings: (u.geometry as { coordinates: number[][][] }).coordinates, area: polygonArea((u.geometry as { coordinates: number[][][] }).coordinates) }));
    const level3 = grids.filter((u) => u.level === 'grid3');
    const step = Math.floor(level3.length / 300);
    let dedicated = 0;
    for (let i = 0; i < level3.length; i += step) {
      const ring = (level3[i].geometry as { coordinates: number[][][] }).coordinates[0];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      // A point a third of the way in, so it is not always a dedicated grid's centre.
      const x = Math.min(...xs) + (Math.max(...xs) - Math.min(...xs)) / 3;
      const y = Math.min(...ys) + (Math.max(...ys) - Math.min(...ys)) / 3;
      let best: { id: string; area: number } | undefined;
      for (const s of shapes) if (polygonContains(s.rings, x, y) && (!best || s.area < best.area)) best = s;
      expect(index.locate(x, y)).toBe(best!.id);
      if (best!.id !== level3[i].id) dedicated++;
    }
    // Both kinds were exercised: plain level-3 grids and dedicated grids nested in them.
    expect(dedicated).toBeGreaterThan(0);
    expect(dedicated).toBeLessThan(300);
  });
});

describe('case router (Xigong)', () => {
  const bundle = loadDistrict('configs/xigong', 'en');
  // A channel in Baidu coordinates, added for the test (the configs ship WGS84 and GCJ02 ones).
  bundle.district.channels.push({ key: 'baiduMap', label: { 'zh-CN': '百度地图', en: 'Baidu map' }, kind: 'external', coordinateSystem: 'BD09' });
  const units = bundle.units.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn ?? null, level: u.level, kind: u.kind, parentId: u.parent ?? null, path: '', depth: 0 }));
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const u of units) for (let p = u.parentId; p; p = byId.get(p)?.parentId ?? null) u.depth++;
  const org = { all: () => units.values(), get: (id: string) => byId.get(id), root: () => units.find((u) => !u.parentId) } as unknown as OrgDirectory;
  const router = new CaseRouter(bundle, org);
  // 红山社区第一网格 spans lng 112.405153–112.407581, lat 34.688017–34.694026.
  const centre = { lng: 112.406367, lat: 34.691 };

  it('converts GCJ-02 and BD-09 points to WGS-84 so they land in the right grid', () => {
    const [gx, gy] = gcoord.transform([centre.lng, centre.lat], gcoord.WGS84, gcoord.GCJ02) as number[];
    const [bx, by] = gcoord.transform([centre.lng, centre.lat], gcoord.WGS84, gcoord.BD09) as number[];
    // Unconverted, the offset points fall elsewhere: the conversion is what routes them right.
    expect(router.route({ location: { lng: gx, lat: gy } }).gridId).not.toBe('xg-hs-c01-g01');
    expect(router.route({ location: { lng: bx, lat: by } }).gridId).not.toBe('xg-hs-c01-g01');
    expect(router.route({ location: router.toDistrict({ lng: gx, lat: gy }, 'residentApp') }).gridId).toBe('xg-hs-c01-g01');
    expect(router.route({ location: router.toDistrict({ lng: bx, lat: by }, 'baiduMap') }).gridId).toBe('xg-hs-c01-g01');
    // A channel on the district's own system (WGS-84) is left as it is.
    expect(router.toDistrict(centre, 'citizenVoice')).toEqual(centre);
    expect(router.systemOf('baiduMap')).toBe('BD09');
  });

  it('falls back from polygon to nearest grid to address to the manual queue', () => {
    expect(router.route({ location: centre })).toMatchObject({ method: 'polygon', unitId: 'xg-hs-c01-g01', distanceMetres: 0 });
    // West of the district's western edge (112.405153): ~100 m, then ~2 km.
    const near = router.route({ location: { lng: 112.404053, lat: 34.691 } });
    expect(near).toMatchObject({ method: 'nearest', unitId: 'xg-hs-c01-g01' });
    expect(near.distanceMetres).toBeGreaterThan(95);
    expect(near.distanceMetres).toBeLessThan(106);
    const far = { lng: 112.383, lat: 34.691 };
    expect(router.route({ location: far, address: '洛阳市西工区红山街道苗湾社区5号楼' })).toMatchObject({ method: 'address', unitId: 'xg-hs-c02', reason: { key: 'routing.addressOutside' } });
    expect(router.route({ address: '红山小区门口' })).toMatchObject({ method: 'address', unitId: 'xg-hs-c01', reason: { key: 'routing.address', params: { matched: '红山小区' } } });
    // The subdistrict alone still routes, to the subdistrict.
    expect(router.route({ address: '红山街道某路口' })).toMatchObject({ method: 'address', unitId: 'xg-hs' });
    expect(router.route({ location: far, address: '不知道哪里' })).toMatchObject({ method: 'manual', unitId: 'xg-command', reason: { key: 'routing.manualOutside' } });
    expect(router.route({})).toMatchObject({ method: 'manual', unitId: 'xg-command', reason: { key: 'routing.manualNothing' } });
  });

  it('picks handling departments by category, falling back to the parent category', () => {
    expect(router.route({ location: centre, category: 'safety.fireLane' }).departments).toEqual(['xg-dept-fire', 'xg-dept-urban']);
    expect(router.route({ location: centre, category: 'utilities.water' }).departments).toEqual(['xg-dept-water']);
    expect(router.route({ location: centre, category: 'unknown' }).departments).toEqual([]);
  });
});
