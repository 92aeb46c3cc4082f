import type { DistrictBundle } from '../config';
import type { CreateInput } from '../entities';
import type { OrgUnitInfo } from '../org';
import { pick, prng } from './prng';

const PLACES = ['小区东门', '3号楼楼道', '巷口', '菜市场旁', '公园北侧', '学校门口', '公交站台', '地下车库', '院内空地', '沿街商铺前'];
const DETAILS = ['已简单围挡', '影响居民出行', '存在安全隐患', '居民多次反映', '需尽快处理', '已拍照留存'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['建军', '秀英', '卫华', '桂兰', '志强', '丽娜', '海涛', '敏', '静', '磊'];

export interface DemoCaseSource {
  grids: OrgUnitInfo[];
  bundle: DistrictBundle;
  /** Cases are spread over the `days` days before this instant. */
  until: Date;
  days: number;
}

/**
 * The i-th demo incident case: a pure function of (district, i), so a seed run that stops half-way
 * resumes with exactly the records it would have written.
 */
export function demoCase(source: DemoCaseSource, i: number): CreateInput {
  const rand = prng(0x9e3779b9 ^ (i * 2654435761));
  const { district } = source.bundle;
  const leafCategories = district.categories.filter((c) => !district.categories.some((o) => o.parent === c.code));
  const category = pick(rand, leafCategories);
  const channel = pick(rand, district.channels);
  const grid = source.grids[Math.floor(rand() * source.grids.length)];
  const keyword = category.keywords?.length ? pick(rand, category.keywords) : category.label['zh-CN'];
  const place = pick(rand, PLACES);
  const reportedAt = new Date(source.until.getTime() - Math.floor(rand() * source.days * 86_400_000));
  const [lng, lat] = district.center;
  const data: Record<string, unknown> = {
    title: `${grid.name}${place}${keyword}`.slice(0, 100),
    description: `${place}发现${category.label['zh-CN']}问题（${keyword}），${pick(rand, DETAILS)}。`,
    category: category.code,
    channel: channel.key,
    urgency: rand() < 0.8 ? 'normal' : rand() < 0.8 ? 'urgent' : 'critical',
    location: { lng: round6(lng + (rand() - 0.5) * 0.04), lat: round6(lat + (rand() - 0.5) * 0.04) },
    address: `${grid.name}${place}`.slice(0, 200),
    reportedAt: reportedAt.toISOString(),
    reporterName: pick(rand, SURNAMES) + pick(rand, GIVEN),
    reporterPhone: `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
  };
  return { orgUnitId: grid.id, data };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
