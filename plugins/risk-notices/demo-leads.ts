import { systemContext, type PluginApi } from '../../core/plugin-sdk';
import type { RiskNoticesSettings } from './settings.generated';

/**
 * Demo data for the meetings' agendas: problem leads (问题线索) held by the district departments
 * the platform gathers every day (公安、信访、应急、网信…), from Zhongzhan's published account of
 * 三会两单 (2025). The seeded grid cases sit in grids, and an agenda takes only the source
 * departments' cases, so without these a demo meeting would have nothing to discuss.
 *
 * - A housing estate's residents resist the property company collecting fees for their property
 *   certificates; public opinion, petition and police platforms pick it up at once (舆情、访情、
 *   警情同步检测). Each lead comes in at medium risk: three signal channels about one place within
 *   the district's risk window raise them to high (riskSignals), as on the real platform.
 * - E-bike chargers out of service in an estate, reported through 中好办 and handed to housing.
 * - Neighbour and marriage disputes found by grid workers, handed to justice for mediation before
 *   "小事拖大、大事拖炸".
 *
 * Every lead is still to be dispatched, so the standard profile's one-minute dispatch clock makes
 * the lower-risk ones overdue cases on the next sweep.
 */
export interface DemoLead {
  unitId: string;
  category: string;
  channel: string;
  title: string;
  description: string;
  riskLevel: 'low' | 'medium' | 'high' | 'critical';
  hoursAgo: number;
  /** Leads about one place share it: the district's centre, offset by this many metres east. */
  placeMetres?: number;
}

export const demoLeads: DemoLead[] = [
  {
    unitId: 'zz-dept-cyber',
    category: 'property.dispute',
    channel: 'publicOpinion',
    title: '小区物业代收房产证费用引发群众抵触情绪（网络舆情）',
    description: '网络舆情监测：一小区群众对物业代收房产证费用不满，网上集中发帖，情绪对立。',
    riskLevel: 'medium',
    hoursAgo: 6,
    placeMetres: 0,
  },
  {
    unitId: 'zz-dept-petition',
    category: 'property.dispute',
    channel: 'petition',
    title: '小区物业代收房产证费用问题群众来访（访情）',
    description: '信访平台：同一小区多名群众来访，反映物业代收房产证费用问题，要求退费。',
    riskLevel: 'medium',
    hoursAgo: 5,
    placeMetres: 40,
  },
  {
    unitId: 'zz-dept-police',
    category: 'property.dispute',
    channel: 'police110',
    title: '小区群众与物业因代收房产证费用发生争执（警情）',
    description: '110接警：同一小区群众与物业人员因代收房产证费用发生争执，民警到场劝解。',
    riskLevel: 'medium',
    hoursAgo: 4,
    placeMetres: 80,
  },
  {
    unitId: 'zz-dept-housing',
    category: 'facilities.evCharging',
    channel: 'zhongHaoBan',
    title: '小区部分电动车充电桩无法使用',
    description: '居民通过“中好办”小程序拍照反映：小区部分电动车充电桩无法使用，需住建、房管部门修复。',
    riskLevel: 'low',
    hoursAgo: 20,
  },
  {
    unitId: 'zz-dept-justice',
    category: 'disputes.neighbour',
    channel: 'gridReport',
    title: '网格之家摸排：邻里纠纷多次调解未果',
    description: '网格员在网格之家走访中摸排出邻里纠纷，双方矛盾反复，需司法所介入调解，防止小事拖大、大事拖炸。',
    riskLevel: 'high',
    hoursAgo: 30,
  },
  {
    unitId: 'zz-dept-justice',
    category: 'disputes.marriage',
    channel: 'gridReport',
    title: '网格员上门走访发现婚恋家庭矛盾',
    description: '网格员拉家常时发现一户婚恋家庭矛盾激化，需提前干预化解。',
    riskLevel: 'medium',
    hoursAgo: 10,
  },
];

const DEMO_ACTOR = 'risk-notices:demo';
const METRES_PER_DEGREE = 111_320;

/**
 * Creates the demo leads once (a second run finds them by their author and adds nothing). Leads
 * the district cannot hold — a unit, category or channel it does not have, or a unit outside the
 * plugin's source departments — are left out, so the plugin seeds nothing foreign elsewhere.
 */
export async function seedDemoLeads(plugin: PluginApi<RiskNoticesSettings>): Promise<{ created: number }> {
  const { runtime } = plugin;
  if (!runtime.registry.has('incidentCase')) return { created: 0 };
  const cases = runtime.registry.get('incidentCase');
  if (await runtime.db.selectFrom(cases.table).select('id').where('created_by', '=', DEMO_ACTOR).limit(1).executeTakeFirst()) return { created: 0 };
  const { district } = runtime.bundle;
  const sources = plugin.settings.sourceDepartments ?? [];
  const usable = demoLeads.filter(
    (l) =>
      runtime.org.get(l.unitId) &&
      (!sources.length || sources.includes(l.unitId)) &&
      district.categories.some((c) => c.code === l.category) &&
      district.channels.some((c) => c.key === l.channel),
  );
  if (!usable.length) return { created: 0 };
  const now = plugin.now().getTime();
  const [lng, lat] = district.center;
  const records = usable.map((l) => ({
    orgUnitId: l.unitId,
    data: {
      title: l.title,
      description: l.description,
      category: l.category,
      channel: l.channel,
      urgency: l.riskLevel === 'high' ? 'urgent' : 'normal',
      ...(cases.byField.has('riskLevel') ? { riskLevel: l.riskLevel } : {}),
      reportedAt: new Date(now - l.hoursAgo * 3_600_000).toISOString(),
      ...(l.placeMetres === undefined ? {} : { location: { lng: round6(lng + l.placeMetres / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180))), lat } }),
    },
  }));
  await runtime.entities.createMany({ ...systemContext(), actor: { id: DEMO_ACTOR } }, 'incidentCase', records);
  return { created: records.length };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
