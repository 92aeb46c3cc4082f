/**
 * Generates the org data of 郑州市 (Zhengzhou):
 *
 *   configs/zhengzhou/org/units.json     areas, departments, operations centres (org-units.schema.json)
 *   configs/zhengzhou/org/grids.geojson  every grid with a polygon (grids.schema.json)
 *
 * Run:  npx tsx configs/zhengzhou/generate-org.ts
 *
 * The published counts (seed 004) are reproduced exactly: 215 level-1 grids, 3,530
 * level-2 grids, 19,582 level-3 grids and 4,835 dedicated grids (专属网格). Their
 * distribution over the districts, the grid names (apart from the few named in the
 * seeds) and all geometry are synthetic: the city is a ~60 km × 50 km box around the
 * centre, districts tile the box, level-1 grids tile their district, level-2 grids
 * tile their level-1 grid, level-3 grids tile their level-2 grid, and dedicated grids
 * are small rectangles inside a level-2 grid.
 *
 * Deterministic: a seeded PRNG and fixed iteration order, so every run writes
 * byte-identical files. Node built-ins only.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// Published figures (seed 004) and layout parameters
// ---------------------------------------------------------------------------

const TOTAL_GRID1 = 215;
const TOTAL_GRID2 = 3530;
const TOTAL_GRID3 = 19582;
const TOTAL_DEDICATED = 4835;

const CENTRE: readonly [number, number] = [113.625, 34.747];
const BOX_WIDTH_KM = 60;
const BOX_HEIGHT_KM = 50;
const KM_PER_DEG_LAT = 111.0;
const KM_PER_DEG_LNG = 111.32 * Math.cos((CENTRE[1] * Math.PI) / 180);

const SEED = 20231008; // the day the city unified its case-handling process (seed 004)

const ROOT_ID = 'zz';

// ---------------------------------------------------------------------------
// Deterministic PRNG (mulberry32)
// ---------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const between = (lo: number, hi: number): number => lo + (hi - lo) * random();

// ---------------------------------------------------------------------------
// Districts (county-level units) of Zhengzhou
// ---------------------------------------------------------------------------

type Layer = 'urban' | 'county';

interface DistrictDef {
  abbr: string;
  name: string;
  nameEn: string;
  /** Administrative division code; the functional zones have none of their own. */
  code?: string;
  layer: Layer;
  /** Cell in the 4 × 4 layout of the city box, row 0 = north, col 0 = west. */
  row: number;
  col: number;
  /** Number of level-1 grids (synthetic split of the published 215). */
  grid1: number;
  /** Fixed number of level-2 grids where a seed gives it; otherwise proportional. */
  grid2?: number;
  /** Names of the first level-1 grids where a seed gives them. */
  grid1Names?: string[];
  /** Weight of dedicated grids (schools, hospitals, markets, enterprises) per level-2 grid. */
  dedicatedWeight: number;
}

const DISTRICTS: DistrictDef[] = [
  // row 0 (north)
  { abbr: 'gy', name: '巩义市', nameEn: 'Gongyi', code: '410181', layer: 'county', row: 0, col: 0, grid1: 20, dedicatedWeight: 0.8 },
  { abbr: 'gx', name: '高新区', nameEn: 'Zhengzhou High-tech Zone', layer: 'urban', row: 0, col: 1, grid1: 7, dedicatedWeight: 1.6 },
  // 惠济区: 8 towns/subdistricts and 76 villages/communities (seed 003); 古荥镇西山社区 (seed 003).
  { abbr: 'hj', name: '惠济区', nameEn: 'Huiji', code: '410108', layer: 'urban', row: 0, col: 2, grid1: 8, grid2: 76, grid1Names: ['古荥镇'], dedicatedWeight: 1.0 },
  { abbr: 'zm', name: '中牟县', nameEn: 'Zhongmu', code: '410122', layer: 'county', row: 0, col: 3, grid1: 18, dedicatedWeight: 0.8 },
  // row 1
  { abbr: 'xy', name: '荥阳市', nameEn: 'Xingyang', code: '410182', layer: 'county', row: 1, col: 0, grid1: 14, dedicatedWeight: 0.8 },
  // 中原区林山寨街道 (seed 004).
  { abbr: 'zy', name: '中原区', nameEn: 'Zhongyuan', code: '410102', layer: 'urban', row: 1, col: 1, grid1: 12, grid1Names: ['林山寨街道'], dedicatedWeight: 1.4 },
  { abbr: 'js', name: '金水区', nameEn: 'Jinshui', code: '410105', layer: 'urban', row: 1, col: 2, grid1: 18, dedicatedWeight: 1.5 },
  { abbr: 'zd', name: '郑东新区', nameEn: 'Zhengdong New District', layer: 'urban', row: 1, col: 3, grid1: 12, dedicatedWeight: 1.5 },
  // row 2
  { abbr: 'sj', name: '上街区', nameEn: 'Shangjie', code: '410106', layer: 'urban', row: 2, col: 0, grid1: 6, dedicatedWeight: 1.0 },
  { abbr: 'eq', name: '二七区', nameEn: 'Erqi', code: '410103', layer: 'urban', row: 2, col: 1, grid1: 16, dedicatedWeight: 1.4 },
  { abbr: 'gc', name: '管城回族区', nameEn: 'Guancheng Hui', code: '410104', layer: 'urban', row: 2, col: 2, grid1: 12, dedicatedWeight: 1.3 },
  { abbr: 'jk', name: '经开区', nameEn: 'Zhengzhou Economic and Technological Development Zone', layer: 'urban', row: 2, col: 3, grid1: 10, dedicatedWeight: 1.7 },
  // row 3 (south)
  { abbr: 'df', name: '登封市', nameEn: 'Dengfeng', code: '410185', layer: 'county', row: 3, col: 0, grid1: 16, dedicatedWeight: 0.8 },
  { abbr: 'xm', name: '新密市', nameEn: 'Xinmi', code: '410183', layer: 'county', row: 3, col: 1, grid1: 17, dedicatedWeight: 0.8 },
  { abbr: 'xz', name: '新郑市', nameEn: 'Xinzheng', code: '410184', layer: 'county', row: 3, col: 2, grid1: 15, dedicatedWeight: 0.9 },
  { abbr: 'hk', name: '航空港区', nameEn: 'Zhengzhou Airport Economy Zone', layer: 'urban', row: 3, col: 3, grid1: 14, dedicatedWeight: 1.6 },
];

/** City-level functional departments (职能部门); categories route to them by id. */
const DEPARTMENTS: { key: string; name: string; nameEn: string }[] = [
  { key: 'urban', name: '郑州市城市管理局', nameEn: 'Urban Management Bureau' },
  { key: 'housing', name: '郑州市住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau' },
  { key: 'emergency', name: '郑州市应急管理局', nameEn: 'Emergency Management Bureau' },
  { key: 'police', name: '郑州市公安局', nameEn: 'Public Security Bureau' },
  { key: 'fire', name: '郑州市消防救援支队', nameEn: 'Fire and Rescue Detachment' },
  { key: 'market', name: '郑州市市场监督管理局', nameEn: 'Market Regulation Administration' },
  { key: 'eco', name: '郑州市生态环境局', nameEn: 'Ecology and Environment Bureau' },
  { key: 'water', name: '郑州市水利局', nameEn: 'Water Resources Bureau' },
  { key: 'civil', name: '郑州市民政局', nameEn: 'Civil Affairs Bureau' },
  { key: 'garden', name: '郑州市园林局', nameEn: 'Landscape and Gardens Bureau' },
  { key: 'health', name: '郑州市卫生健康委员会', nameEn: 'Health Commission' },
  { key: 'justice', name: '郑州市司法局', nameEn: 'Justice Bureau' },
  { key: 'transport', name: '郑州市交通运输局', nameEn: 'Transport Bureau' },
];

/** Places that get a dedicated grid (专属网格), with relative frequency. */
const DEDICATED_KINDS: { name: string; weight: number }[] = [
  { name: '学校', weight: 5 },
  { name: '医院', weight: 2 },
  { name: '农贸市场', weight: 2 },
  { name: '商场超市', weight: 2 },
  { name: '企业', weight: 5 },
  { name: '产业园区', weight: 1 },
  { name: '建筑工地', weight: 2 },
  { name: '机关事业单位', weight: 2 },
  { name: '交通场站', weight: 1 },
  { name: '景区', weight: 1 },
];

// ---------------------------------------------------------------------------
// Output types (org-units.schema.json, grids.schema.json)
// ---------------------------------------------------------------------------

interface OrgUnit {
  id: string;
  name: string;
  nameEn?: string;
  level: string;
  kind: 'area' | 'department' | 'commandCentre';
  parent?: string;
  code?: string;
}

type Position = [number, number];

interface GridFeature {
  type: 'Feature';
  properties: { id: string; name: string; level: string; kind: 'grid' | 'dedicatedGrid'; parent: string };
  geometry: { type: 'Polygon'; coordinates: Position[][] };
}

/** [west, south, east, north] in degrees, already rounded. */
type BBox = [number, number, number, number];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Splits `total` into `weights.length` integers, each at least `min` and at most `max`,
 * proportional to the weights (largest remainder, ties by index).
 */
function apportion(total: number, weights: number[], min = 0, max = Infinity): number[] {
  const n = weights.length;
  if (total < n * min || total > n * max) throw new Error(`cannot apportion ${total} into ${n} × [${min}, ${max}]`);
  const out = new Array<number>(n).fill(min);
  let rest = total - n * min;
  // Repeat until what is left fits: buckets at max drop out of later rounds.
  while (rest > 0) {
    const open = out.map((v, i) => (v < max ? i : -1)).filter((i) => i >= 0);
    const sum = open.reduce((s, i) => s + weights[i], 0);
    const shares = open.map((i) => ({ i, exact: (rest * weights[i]) / sum }));
    let given = 0;
    for (const s of shares) {
      const add = Math.min(Math.floor(s.exact), max - out[s.i]);
      out[s.i] += add;
      given += add;
    }
    rest -= given;
    const byRemainder = shares
      .map((s) => ({ i: s.i, r: s.exact - Math.floor(s.exact) }))
      .sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of byRemainder) {
      if (rest === 0) break;
      if (out[i] < max) {
        out[i] += 1;
        rest -= 1;
      }
    }
  }
  return out;
}

/** Boundaries from `lo` to `hi` split by the given weights, rounded; the ends are exact. */
function cuts(lo: number, hi: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const out = [lo];
  let acc = 0;
  for (let i = 0; i < weights.length - 1; i++) {
    acc += weights[i];
    out.push(round6(lo + ((hi - lo) * acc) / sum));
  }
  out.push(hi);
  return out;
}

/**
 * Tiles a box with exactly `n` rectangles: rows of near-square cells, north to south,
 * cells west to east, with mild random variation of sizes.
 */
function tile(box: BBox, n: number): BBox[] {
  const [w, s, e, nth] = box;
  const widthKm = (e - w) * KM_PER_DEG_LNG;
  const heightKm = (nth - s) * KM_PER_DEG_LAT;
  const rows = Math.min(n, Math.max(1, Math.round(Math.sqrt((n * heightKm) / widthKm))));
  const perRow = new Array<number>(rows).fill(Math.floor(n / rows));
  for (let r = 0; r < n % rows; r++) perRow[r] += 1;
  const ys = cuts(nth, s, perRow.map((c) => c * between(0.8, 1.2)));
  const out: BBox[] = [];
  for (let r = 0; r < rows; r++) {
    const xs = cuts(w, e, Array.from({ length: perRow[r] }, () => between(0.7, 1.3)));
    for (let c = 0; c < perRow[r]; c++) out.push([xs[c], ys[r + 1], xs[c + 1], ys[r]]);
  }
  return out;
}

/** A closed, counter-clockwise ring (RFC 7946 exterior). */
function polygon([w, s, e, n]: BBox): { type: 'Polygon'; coordinates: Position[][] } {
  if (!(w < e && s < n)) throw new Error(`degenerate box ${[w, s, e, n].join(',')}`);
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function pickWeighted<T extends { weight: number }>(items: T[]): T {
  const sum = items.reduce((acc, it) => acc + it.weight, 0);
  let x = random() * sum;
  for (const it of items) {
    x -= it.weight;
    if (x < 0) return it;
  }
  return items[items.length - 1];
}

// ---------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------

interface Grid1 { id: string; name: string; district: DistrictDef; box: BBox }
interface Grid2 { id: string; name: string; parent: Grid1; box: BBox; villages: boolean }

function generate(): { units: OrgUnit[]; grids: GridFeature[] } {
  const units: OrgUnit[] = [];
  const grid1s: Grid1[] = [];
  const grid2s: Grid2[] = [];
  const grid3Features: GridFeature[] = [];
  const dedicatedFeatures: GridFeature[] = [];

  const sum1 = DISTRICTS.reduce((acc, d) => acc + d.grid1, 0);
  if (sum1 !== TOTAL_GRID1) throw new Error(`level-1 grids add up to ${sum1}, not ${TOTAL_GRID1}`);

  // City root, city operations centre, city departments.
  units.push({ id: ROOT_ID, name: '郑州市', nameEn: 'Zhengzhou', level: 'city', kind: 'area', code: '410100' });
  units.push({ id: `${ROOT_ID}-occ`, name: '郑州市新型智慧城市运行中心', nameEn: 'Zhengzhou Smart City Operations Centre', level: 'city', kind: 'commandCentre', parent: ROOT_ID });
  for (const d of DEPARTMENTS) {
    units.push({ id: `${ROOT_ID}-dept-${d.key}`, name: d.name, nameEn: d.nameEn, level: 'city', kind: 'department', parent: ROOT_ID });
  }

  // District boxes: a 4 × 4 layout of the city box with jittered column widths and row heights.
  const halfW = BOX_WIDTH_KM / 2 / KM_PER_DEG_LNG;
  const halfH = BOX_HEIGHT_KM / 2 / KM_PER_DEG_LAT;
  const cityBox: BBox = [round6(CENTRE[0] - halfW), round6(CENTRE[1] - halfH), round6(CENTRE[0] + halfW), round6(CENTRE[1] + halfH)];
  const colX = cuts(cityBox[0], cityBox[2], [0, 1, 2, 3].map(() => between(0.85, 1.15)));
  const rowY = cuts(cityBox[3], cityBox[1], [0, 1, 2, 3].map(() => between(0.85, 1.15)));

  // Level-2 totals per district: fixed where a seed gives them, the rest proportional to level-1 counts.
  const fixed2 = DISTRICTS.reduce((acc, d) => acc + (d.grid2 ?? 0), 0);
  const free = DISTRICTS.filter((d) => d.grid2 === undefined);
  const free2 = apportion(TOTAL_GRID2 - fixed2, free.map((d) => d.grid1 * (d.layer === 'urban' ? 1.15 : 1)), 1);
  const grid2PerDistrict = new Map<DistrictDef, number>();
  free.forEach((d, i) => grid2PerDistrict.set(d, free2[i]));
  for (const d of DISTRICTS) if (d.grid2 !== undefined) grid2PerDistrict.set(d, d.grid2);

  for (const d of DISTRICTS) {
    const districtId = `${ROOT_ID}-${d.abbr}`;
    units.push({ id: districtId, name: d.name, nameEn: d.nameEn, level: 'district', kind: 'area', parent: ROOT_ID, ...(d.code ? { code: d.code } : {}) });
    units.push({
      id: `${districtId}-occ`,
      // Seed 003 gives Huiji's centre its full name.
      name: d.abbr === 'hj' ? '惠济区新型智慧城市运行管理中心' : `${d.name}新型智慧城市运行中心`,
      level: 'district',
      kind: 'commandCentre',
      parent: districtId,
    });

    const box: BBox = [colX[d.col], rowY[d.row + 1], colX[d.col + 1], rowY[d.row]];
    const boxes1 = tile(box, d.grid1);
    const g2counts = apportion(grid2PerDistrict.get(d)!, boxes1.map(() => between(0.6, 1.4)), 2);
    boxes1.forEach((b1, i) => {
      const seedName = d.grid1Names?.[i];
      const isTown = seedName ? seedName.endsWith('镇') : d.layer === 'county' && i >= 3;
      const localName = seedName ?? (isTown ? `第${i + 1}镇` : `第${i + 1}街道`);
      const g1: Grid1 = { id: `${districtId}-${pad2(i + 1)}`, name: `${d.name}${localName}`, district: d, box: b1 };
      grid1s.push(g1);
      units.push({ id: `${g1.id}-occ`, name: `${g1.name}新型智慧城市运行中心`, level: 'grid1', kind: 'commandCentre', parent: g1.id });

      tile(b1, g2counts[i]).forEach((b2, j) => {
        const local2 = d.abbr === 'hj' && seedName === '古荥镇' && j === 0 ? '西山社区' : isTown ? `第${j + 1}村` : `第${j + 1}社区`;
        grid2s.push({ id: `${g1.id}-${pad2(j + 1)}`, name: `${g1.name}${local2}`, parent: g1, box: b2, villages: isTown });
      });
    });
  }

  // Level-3 grids over all level-2 grids.
  const g3counts = apportion(TOTAL_GRID3, grid2s.map((g) => between(0.5, 1.5) * (g.villages ? 0.8 : 1)), 1);
  grid2s.forEach((g2, j) => {
    tile(g2.box, g3counts[j]).forEach((b3, k) => {
      let name = `${g2.name}网格${k + 1}`;
      // Seed 004: 中原区林山寨街道文化宫路10号院, a compound without a managing unit that became a model.
      if (g2.id === `${ROOT_ID}-zy-01-01` && k === 0) name += '（文化宫路10号院）';
      grid3Features.push({ type: 'Feature', properties: { id: `${g2.id}-${pad2(k + 1)}`, name, level: 'grid3', kind: 'grid', parent: g2.id }, geometry: polygon(b3) });
    });
  });

  // Dedicated grids: small rectangles in distinct cells of a 3 × 3 lattice of their level-2 grid.
  const dCounts = apportion(TOTAL_DEDICATED, grid2s.map((g) => between(0.2, 1.8) * g.parent.district.dedicatedWeight), 0, 9);
  grid2s.forEach((g2, j) => {
    const n = dCounts[j];
    if (n === 0) return;
    const slots = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    for (let k = 0; k < n; k++) {
      const slot = slots.splice(Math.floor(random() * slots.length), 1)[0];
      const [w, s, e, nth] = g2.box;
      const cw = (e - w) / 3;
      const ch = (nth - s) / 3;
      const fw = between(0.35, 0.8);
      const fh = between(0.35, 0.8);
      const x0 = w + cw * ((slot % 3) + between(0.05, 0.95 - fw));
      const y0 = s + ch * (Math.floor(slot / 3) + between(0.05, 0.95 - fh));
      const box: BBox = [round6(x0), round6(y0), round6(x0 + cw * fw), round6(y0 + ch * fh)];
      const kind = pickWeighted(DEDICATED_KINDS).name;
      dedicatedFeatures.push({
        type: 'Feature',
        properties: { id: `${g2.id}-d${k + 1}`, name: `${g2.name}专属网格${k + 1}（${kind}）`, level: 'grid3', kind: 'dedicatedGrid', parent: g2.id },
        geometry: polygon(box),
      });
    }
  });

  const grids: GridFeature[] = [
    ...grid1s.map((g): GridFeature => ({ type: 'Feature', properties: { id: g.id, name: g.name, level: 'grid1', kind: 'grid', parent: `${ROOT_ID}-${g.district.abbr}` }, geometry: polygon(g.box) })),
    ...grid2s.map((g): GridFeature => ({ type: 'Feature', properties: { id: g.id, name: g.name, level: 'grid2', kind: 'grid', parent: g.parent.id }, geometry: polygon(g.box) })),
    ...grid3Features,
    ...dedicatedFeatures,
  ];
  return { units, grids };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const started = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const orgDir = join(here, 'org');
mkdirSync(orgDir, { recursive: true });

const { units, grids } = generate();

const unitsPath = join(orgDir, 'units.json');
writeFileSync(unitsPath, `[\n${units.map((u) => JSON.stringify(u)).join(',\n')}\n]\n`);

const gridsPath = join(orgDir, 'grids.geojson');
writeFileSync(gridsPath, `{"type":"FeatureCollection","features":[\n${grids.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`);

const tally = (rows: { level: string; kind: string }[]): string => {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.level}/${r.kind}`, (counts.get(`${r.level}/${r.kind}`) ?? 0) + 1);
  return [...counts].map(([k, v]) => `  ${k.padEnd(24)} ${v}`).join('\n');
};
const cwd = process.cwd();
const size = (p: string): string => `${(statSync(p).size / 1048576).toFixed(2)} MB`;
console.log(`${relative(cwd, unitsPath)}: ${units.length} units (${size(unitsPath)})\n${tally(units)}`);
console.log(`${relative(cwd, gridsPath)}: ${grids.length} grids (${size(gridsPath)})\n${tally(grids.map((g) => g.properties))}`);
console.log(`done in ${(performance.now() - started).toFixed(0)} ms`);
