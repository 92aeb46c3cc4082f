import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DistrictConfig, GridCollection, OrgUnit } from '../config';
import { ValidationError } from '../errors';
import { expectError } from '../../test/expect-error';
import { checkOrgImport, csvRows, geojsonRows, mergeGrids, mergeUnits, type ImportProgress, type OrgImportBase } from '.';

const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function xigong(): OrgImportBase {
  const grids = read<GridCollection>('configs/xigong/org/grids.geojson');
  return {
    district: read<DistrictConfig>('configs/xigong/district.json'),
    units: read<OrgUnit[]>('configs/xigong/org/units.json'),
    grids: grids.features,
    unitsFile: 'org/units.json',
    gridsFile: 'org/grids.geojson',
  };
}

const square = (x: number, y: number, d = 0.001) => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

describe('org import: units from CSV', () => {
  // Chinese headings, a BOM and CRLF as spreadsheets save them; rows reference each other.
  const csv = [
    '\uFEFF编号,名称,类型,层级,上级,户数',
    'xg-new-sd,新街道,area,subdistrict,xg,',
    'xg-new-c1,新社区一,area,community,xg-new-sd,120',
    'xg-new-c2,,area,community,xg-new-sd,80', // missing name
    'xg-new-c3,新社区三,area,community,xg-nowhere,', // unknown parent
    'xg-new-c1,重复社区,area,community,xg-new-sd,', // duplicate id
    'xg-new-c4,新社区四,area,hamlet,xg-new-sd,', // level not in the district
    'xg-new-c5,新社区五,area,community,xg-new-c2,', // parent rejected above
    'xg-new-c6,新社区六,area,community,xg-new-sd,many', // households not an integer
    'xg-new-g,网格,grid,grid,xg-new-c1,', // a grid kind belongs in grids
    'xg-hs,红山街道（改名）,area,subdistrict,xg,', // an existing unit: replaced by id
  ].join('\r\n');

  it('reports each rejected row with its reasons and accepts the rest', async () => {
    const rows = csvRows(csv, 'units', 'en');
    expect(rows).toHaveLength(10);
    expect(rows[1].doc).toEqual({ id: 'xg-new-c1', name: '新社区一', kind: 'area', level: 'community', parent: 'xg-new-sd', households: 120 });
    const progress: ImportProgress[] = [];
    const result = await checkOrgImport('units', rows, xigong(), { lang: 'en', chunk: 3, onProgress: (p) => progress.push(p) });

    expect(result.accepted.map((d) => d.id)).toEqual(['xg-new-sd', 'xg-new-c1', 'xg-hs']);
    const byRow = new Map(result.rejections.map((r) => [r.row, r]));
    expect(byRow.get(3)).toEqual({ row: 3, id: 'xg-new-c2', reasons: ['name: is required'] });
    expect(byRow.get(4)!.reasons).toEqual(['parent unit "xg-nowhere" does not exist']);
    expect(byRow.get(5)!.reasons).toEqual(['id "xg-new-c1" appears more than once in the file (first in row 2)']);
    expect(byRow.get(6)!.reasons).toEqual(['level "hamlet" is not one of the district\'s org levels']);
    expect(byRow.get(7)!.reasons).toEqual(['parent unit "xg-new-c2" was rejected']);
    expect(byRow.get(8)!.reasons).toEqual(['households: must be integer']);
    expect(byRow.get(9)!.reasons[0]).toContain('kind "grid" is a grid');
    expect(result.rejections).toHaveLength(7);

    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ phase: 'validating', processed: 10, total: 10 });
    expect(progress.every((p, i) => i === 0 || p.processed >= progress[i - 1].processed)).toBe(true);
  });

  it('messages come in Chinese by default', async () => {
    const result = await checkOrgImport('units', csvRows(csv, 'units', 'zh-CN'), xigong(), { lang: 'zh-CN' });
    expect(result.rejections.find((r) => r.row === 4)!.reasons).toEqual(['上级单元 "xg-nowhere" 不存在']);
    expect(result.rejections.find((r) => r.row === 3)!.reasons).toEqual(['name：必填']);
  });

  it('refuses a cycle and a second root', async () => {
    const rows = csvRows(['id,name,kind,level,parent', 'xg-hs,红山,area,subdistrict,xg-hs-c01', 'xg-top,另一个根,area,district,'].join('\n'), 'units', 'en');
    const result = await checkOrgImport('units', rows, xigong(), { lang: 'en' });
    expect(result.accepted).toEqual([]);
    expect(result.rejections[0].reasons[0]).toMatch(/cycle|level/);
    expect(result.rejections[1].reasons).toEqual(['parent missing: only the root unit "xg" may have none']);
  });

  it('refuses a file with a column it does not know, naming the column', async () => {
    const error = await expectError(Promise.resolve().then(() => csvRows('id,name,colour\nx,y,red', 'units', 'en')), ValidationError);
    expect(error.issues).toEqual([{ path: '/columns/2', message: 'unknown column "colour"', code: 'unknownColumn' }]);
    expect(() => csvRows('name,kind\nx,area', 'units', 'en')).toThrow('required column "id" is missing');
    // Excel's trailing empty column is ignored; a value under no heading is not.
    const rows = csvRows('id,name,\nx,y,\nz,w,extra\nv,u,,more', 'units', 'en');
    expect(rows[0]).toEqual({ row: 1, doc: { id: 'x', name: 'y' }, reasons: [] });
    expect(rows[1].reasons).toEqual(['column 3 has no heading but holds "extra"']);
    expect(rows[2].reasons).toEqual(['column 4 has no heading but holds "more"']);
  });

  it('merges by id: replaced in place, new ones appended', () => {
    const base = xigong().units;
    const merged = mergeUnits(base, [
      { id: 'xg-hs', name: '红山街道（改名）', level: 'subdistrict', kind: 'area', parent: 'xg' },
      { id: 'xg-new', name: '新', level: 'subdistrict', kind: 'area', parent: 'xg' },
    ]);
    expect(merged.content).toHaveLength(base.length + 1);
    expect(merged.content[base.findIndex((u) => u.id === 'xg-hs')].name).toBe('红山街道（改名）');
    expect(merged.content.at(-1)!.id).toBe('xg-new');
    expect({ added: merged.added, replaced: merged.replaced }).toEqual({ added: 1, replaced: 1 });
  });
});

describe('org import: grids from GeoJSON and CSV', () => {
  const feature = (id: string, props: Record<string, unknown>, ring: unknown) => ({
    type: 'Feature',
    properties: { id, name: `网格 ${id}`, level: 'grid', kind: 'grid', parent: 'xg-hs-c01', ...props },
    geometry: { type: 'Polygon', coordinates: [ring] },
  });

  it('rejects unclosed, self-intersecting and unparented grids with reasons', async () => {
    const bowTie = [
      [112.4, 34.6],
      [112.41, 34.61],
      [112.41, 34.6],
      [112.4, 34.61],
      [112.4, 34.6],
    ];
    const collection = {
      type: 'FeatureCollection',
      features: [
        feature('xg-t-ok', {}, square(112.4, 34.6)),
        feature('xg-t-open', {}, square(112.4, 34.6).slice(0, 4).concat([[112.4005, 34.6]])),
        feature('xg-t-bow', {}, bowTie),
        feature('xg-t-orphan', { parent: 'xg-gone' }, square(112.42, 34.6)),
        feature('xg-t-level', { level: 'community' }, square(112.43, 34.6)),
        feature('xg', {}, square(112.44, 34.6)), // the district's root id: a unit, not a grid
        { type: 'Feature', properties: { id: 'xg-t-noname', level: 'grid', kind: 'grid', parent: 'xg-hs-c01' }, geometry: { type: 'Polygon', coordinates: [square(112.45, 34.6)] } },
      ],
    };
    const rows = geojsonRows(JSON.stringify(collection), 'grids', 'en');
    const result = await checkOrgImport('grids', rows, xigong(), { lang: 'en' });
    expect(result.accepted.map((f) => (f.properties as { id: string }).id)).toEqual(['xg-t-ok']);
    const reasons = Object.fromEntries(result.rejections.map((r) => [r.id, r.reasons]));
    expect(reasons['xg-t-open']).toEqual(['geometry/coordinates/0: polygon ring is not closed (first and last positions differ)']);
    expect(reasons['xg-t-bow']).toEqual(['geometry/coordinates/0: polygon ring intersects itself (edges cross or overlap)']);
    expect(reasons['xg-t-orphan']).toEqual(['parent unit "xg-gone" does not exist']);
    expect(reasons['xg-t-level']).toEqual(['level "community" is not a grid level']);
    expect(reasons['xg']).toEqual(['id "xg" is already used by a unit in org/units.json']);
    expect(reasons['xg-t-noname']).toEqual(['name: is required']);
  });

  it('reads grids from CSV with a GeoJSON geometry column', async () => {
    const geometry = JSON.stringify({ type: 'Polygon', coordinates: [square(112.4, 34.6)] }).replace(/"/g, '""');
    const csv = `id,name,level,kind,parent,geometry\nxg-c-1,网格一,grid,grid,xg-hs-c01,"${geometry}"\nxg-c-2,网格二,grid,grid,xg-hs-c01,"{not json"`;
    const result = await checkOrgImport('grids', csvRows(csv, 'grids', 'en'), xigong(), { lang: 'en' });
    expect(result.accepted).toHaveLength(1);
    expect(result.rejections[0].reasons[0]).toMatch(/^geometry column is not valid GeoJSON/);
    expect(result.rejections[0].reasons).toContain('geometry: is required');
  });

  it('refuses what is not a FeatureCollection', () => {
    expect(() => geojsonRows('{"type":"Feature"}', 'grids', 'en')).toThrow('not a GeoJSON FeatureCollection');
    expect(() => geojsonRows('{"type":', 'grids', 'en')).toThrow(ValidationError);
  });

  it('merges grid features by id', () => {
    const base = read<GridCollection>('configs/xigong/org/grids.geojson');
    const first = base.features[0];
    const merged = mergeGrids(base, [{ ...first, properties: { ...first.properties, name: '改名' } }]);
    expect(merged.content.features).toHaveLength(base.features.length);
    expect(merged.content.features[0].properties.name).toBe('改名');
    expect(merged.replaced).toBe(1);
  });

  // The whole of Zhengzhou's grids (28,162 features, 8.7 MB) lives in the benchmark
  // (`npm run bench -- --filter org-import`); here a slice keeps the test quick.
  it("accepts a slice of Zhengzhou's grid file as it is", async () => {
    const all = read<GridCollection>('configs/zhengzhou/org/grids.geojson');
    const slice = { type: 'FeatureCollection', features: all.features.filter((f) => f.properties.level !== 'grid3').slice(0, 3000) };
    const result = await checkOrgImport('grids', geojsonRows(JSON.stringify(slice), 'grids', 'en'), {
      district: read<DistrictConfig>('configs/zhengzhou/district.json'),
      units: read<OrgUnit[]>('configs/zhengzhou/org/units.json'),
      grids: [],
      unitsFile: 'org/units.json',
      gridsFile: 'org/grids.geojson',
    }, { lang: 'en' });
    expect(result.rejections).toEqual([]);
    expect(result.accepted).toHaveLength(3000);
  });
});
