/**
 * Demo data for Zhongzhan (焦作市中站区): the 8 key high-risk enterprises and their 42 major hazard
 * sources the dispatch centre watches (source: the district's published figures). Names, places and
 * coordinates are made up but plausible for the district's chemical and energy industry.
 */
export interface EnterpriseFixture { id: string; name: string; unitId: string; address: string; lng: number; lat: number; sources: SourceFixture[] }
export interface SourceFixture { id: string; name: string; kind: string; grade: number; inspectEveryDays: number }

const ENTERPRISES: [string, string, string, number, number, [string, string, number][]][] = [
  ['中站区氟化工新材料有限公司', 'zz-lx-c01', '龙翔街道工业路18号', 113.142, 35.262, [
    ['液氯储罐区', 'chlorine', 1], ['氢氟酸储罐区', 'hydrofluoricAcid', 1], ['硫酸储罐区', 'sulfuricAcid', 3], ['氟化氢合成装置', 'reactor', 2],
    ['液氨储罐', 'ammonia', 2], ['六氟磷酸锂生产装置', 'reactor', 2], ['危化品仓库', 'warehouse', 3], ['废气处理装置', 'scrubber', 4]]],
  ['焦作中站煤化工有限公司', 'zz-wf-c02', '王封街道矿区路6号', 113.128, 35.271, [
    ['煤气柜', 'gasHolder', 1], ['粗苯储罐区', 'benzene', 2], ['焦油储罐区', 'tar', 3], ['甲醇储罐区', 'methanol', 2],
    ['液氨储罐', 'ammonia', 2], ['脱硫装置', 'scrubber', 3], ['加氢精制装置', 'reactor', 2]]],
  ['中站区精细化学品有限公司', 'zz-lx-c05', '龙翔街道化工园区3号', 113.151, 35.258, [
    ['甲苯储罐区', 'toluene', 3], ['丙酮储罐区', 'acetone', 3], ['氯化反应釜', 'reactor', 2], ['液氯钢瓶库', 'chlorine', 2],
    ['溶剂回收装置', 'reactor', 4], ['危化品仓库', 'warehouse', 3]]],
  ['焦作市月山燃气储配站', 'zz-ys-c01', '月山街道焦克路22号', 113.171, 35.236, [
    ['液化天然气储罐', 'lng', 1], ['压缩天然气加气装置', 'cng', 3], ['气化站调压装置', 'regulator', 4], ['液化石油气储罐', 'lpg', 2], ['槽车装卸区', 'loading', 3]]],
  ['中站区热电有限公司', 'zz-ys-c02', '月山街道电厂路1号', 113.176, 35.229, [
    ['液氨储罐区（脱硝）', 'ammonia', 2], ['燃油储罐', 'fuelOil', 4], ['氢气站', 'hydrogen', 3], ['盐酸储罐', 'hydrochloricAcid', 4], ['锅炉点火油库', 'fuelOil', 4]]],
  ['焦作丹河化肥有限公司', 'zz-dh-c02', '丹河街道丹河村北', 113.191, 35.248, [
    ['合成氨装置', 'reactor', 1], ['液氨球罐', 'ammonia', 1], ['尿素合成装置', 'reactor', 3], ['硝酸铵仓库', 'warehouse', 2]]],
  ['中站区新能源电池材料有限公司', 'zz-lf-c04', '李封街道站前路88号', 113.163, 35.245, [
    ['电解液生产车间', 'reactor', 3], ['碳酸二甲酯储罐', 'solvent', 3], ['氢氟酸罐区', 'hydrofluoricAcid', 2], ['危废暂存库', 'warehouse', 4]]],
  ['焦作市中站区加油加气综合站', 'zz-dh-c01', '丹河街道焦作大道南段', 113.183, 35.233, [
    ['汽油埋地储罐', 'gasoline', 3], ['柴油埋地储罐', 'diesel', 4], ['液化天然气加注装置', 'lng', 3]]],
];

export const demoEnterprises: EnterpriseFixture[] = ENTERPRISES.map(([name, unitId, address, lng, lat, sources], i) => {
  const id = `hw-e${String(i + 1).padStart(2, '0')}`;
  return {
    id, name, unitId, address, lng, lat,
    // Higher grades (1 = most dangerous) are inspected more often.
    sources: sources.map(([sourceName, kind, grade], j) => ({ id: `${id}-s${String(j + 1).padStart(2, '0')}`, name: sourceName, kind, grade, inspectEveryDays: [7, 14, 30, 90][grade - 1] })),
  };
});
