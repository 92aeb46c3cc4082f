import type { DistrictBundle, OrgUnitSpec } from '../config';
import type { CreateInput } from '../entities';
import { polygonContains } from '../geo';
import type { OrgUnitInfo } from '../org';
import { pick, prng } from './prng';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '申', '郭'];
const GIVEN = ['建军', '秀英', '卫华', '桂兰', '志强', '丽娜', '海涛', '敏', '静', '磊', '玉梅', '国庆'];
const TAGS = ['elderLivingAlone', 'disabled', 'lowIncome', 'veteran', 'keyCare'] as const;
const NOTES = ['子女在外地，每周电话联系', '行动不便，需上门服务', '已登记助餐服务', '', '', ''];
const PLACE_KINDS = [
  { kind: 'building', names: ['1号楼', '2号楼', '3号楼'] },
  { kind: 'shop', names: ['便民超市', '早餐店', '五金店', '药店'] },
  { kind: 'enterprise', names: ['物业服务中心', '机械加工厂', '物流仓库'] },
  { kind: 'school', names: ['社区幼儿园', '实验小学'] },
  { kind: 'keyPlace', names: ['加油站', '农贸市场', '养老院'] },
] as const;

/** How many residents and places each seeded grid gets. */
export const RESIDENTS_PER_GRID = 4;
export const PLACES_PER_GRID = 2;

export interface DemoRegisterSource {
  bundle: DistrictBundle;
  /** The grid (or micro-grid) the records belong to. */
  grid: OrgUnitInfo;
  /** The grid's buildings (org units of level building under it), if the tree has them. */
  buildings: OrgUnitInfo[];
  /** The date last inspections are spread before. */
  until: Date;
}

/**
 * The k-th demo resident of a grid: a pure function of (grid, k), so re-seeding writes the same
 * person. Residents of a grid with building units live in those buildings (still in the grid's subtree).
 */
export function demoResident(source: DemoRegisterSource, k: number): CreateInput {
  const rand = prng(hash(`${source.grid.id}#r${k}`));
  const building = source.buildings.length ? source.buildings[k % source.buildings.length] : undefined;
  const buildingName = building?.name ?? `${1 + Math.floor(rand() * 12)}号楼`;
  const unit = `${1 + Math.floor(rand() * 4)}单元${1 + Math.floor(rand() * 6)}0${1 + Math.floor(rand() * 2)}`;
  const tags = TAGS.filter(() => rand() < 0.22);
  const birth = 1940 + Math.floor(rand() * 60);
  const data: Record<string, unknown> = {
    name: pick(rand, SURNAMES) + pick(rand, GIVEN),
    idNumber: idNumber(rand, birth),
    phone: `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
    building: buildingName.slice(0, 50),
    household: `${buildingName}-${unit}`.slice(0, 50),
    address: `${source.grid.name}${buildingName}${unit}室`.slice(0, 200),
    tags,
    note: pick(rand, NOTES) || undefined,
  };
  if (!data.note) delete data.note;
  return { orgUnitId: building?.id ?? source.grid.id, data };
}

/** The k-th demo place of a grid, with its point inside the grid's polygon. */
export function demoPlace(source: DemoRegisterSource, k: number): CreateInput {
  const rand = prng(hash(`${source.grid.id}#p${k}`));
  const { kind, names } = pick(rand, PLACE_KINDS);
  const name = `${source.grid.name.replace(/第.+网格$/, '')}${pick(rand, names)}`;
  const spec = source.bundle.units.find((u) => u.id === source.grid.id);
  const location = spec ? pointIn(spec, rand) : undefined;
  const data: Record<string, unknown> = {
    name: name.slice(0, 100),
    kind,
    address: `${source.grid.name}${pick(rand, ['东侧', '西侧', '南门', '北门', '沿街'])}`.slice(0, 200),
    responsiblePerson: pick(rand, SURNAMES) + pick(rand, GIVEN),
    responsiblePhone: `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
    lastInspectedAt: new Date(source.until.getTime() - Math.floor(rand() * 60 * 86_400_000)).toISOString(),
  };
  if (location) data.location = location;
  return { orgUnitId: source.grid.id, data };
}

/** A point inside the unit's polygon (rejection sampling in its bounding box, the box centre at worst). */
function pointIn(unit: OrgUnitSpec, rand: () => number): { lng: number; lat: number } | undefined {
  const g = unit.geometry;
  if (!g) return undefined;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const xs = polygons.flatMap((p) => p[0].map((c) => c[0]));
  const ys = polygons.flatMap((p) => p[0].map((c) => c[1]));
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 0; i < 20; i++) {
    const x = x0 + (x1 - x0) * (0.1 + 0.8 * rand());
    const y = y0 + (y1 - y0) * (0.1 + 0.8 * rand());
    if (polygons.some((p) => polygonContains(p, x, y))) return { lng: round6(x), lat: round6(y) };
  }
  return { lng: round6((x0 + x1) / 2), lat: round6((y0 + y1) / 2) };
}

/** A well-formed 18-character resident ID number (GB 11643 check digit), Henan area code. */
function idNumber(rand: () => number, birthYear: number): string {
  const body = `4103${String(Math.floor(rand() * 100)).padStart(2, '0')}${birthYear}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
