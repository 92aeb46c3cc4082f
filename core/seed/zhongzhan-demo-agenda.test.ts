import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../api/context';
import { createRuntimeCaller } from '../api/runtime-router';
import { loadInstalledPlugins } from '../cli/installed-plugins';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { createPrincipal } from '../../test/principals';
import { fakeClock } from '../../test/fake-clock';
import { seedDistrict } from './seed-district';

const E = 'incidentCase';
const GRID_KINDS = ['grid', 'microGrid', 'dedicatedGrid'];

/**
 * The Zhongzhan demo as `gridwork seed` builds it (installed plugins, demo cases): the 三会两单
 * meetings must have something on their agendas, i.e. department cases that are high-risk or overdue.
 */
describe.each(dialects())('Zhongzhan demo agenda on %s', (dialect) => {
  const clock = fakeClock('2026-11-02T01:00:00.000Z'); // Monday 09:00 in Jiaozuo
  let runtime: Runtime;
  let close: () => Promise<void>;
  let analyst: any;
  const agenda = async (kind: string) => (await analyst.plugins['risk-notices'].holdMeeting({ kind, attendees: [{ name: '综合分析研判员', unitId: 'zz-command' }] })).agenda as any[];
  const demoLeads = () => runtime.db.selectFrom(runtime.registry.get(E).table).select(['id', 'org_unit_id', 'riskLevel', 'channel']).where('created_by', '=', 'risk-notices:demo').orderBy('id').execute();

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { district: 'zhongzhan', plugins: await loadInstalledPlugins(), now: clock.now }));
    await seedDistrict(runtime, { scale: 'demo', cases: 60 });
    analyst = createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'riskAnalyst', unitId: 'zz-command' }]) }));
  });
  afterAll(() => close());

  it('the daily meeting has the departments’ high-risk leads on its agenda, never the demo’s grid cases', async () => {
    const leads = await demoLeads();
    expect(leads.length).toBeGreaterThanOrEqual(5);
    const sources = (runtime.bundle.district.plugins?.['risk-notices']?.settings as { sourceDepartments: string[] }).sourceDepartments;
    expect(leads.every((l) => sources.includes(l.org_unit_id))).toBe(true);
    // Public opinion, petition and police about one estate: the risk signals raised all three to high.
    expect(leads.filter((l) => ['publicOpinion', 'petition', 'police110'].includes(l.channel)).map((l) => l.riskLevel)).toEqual(['high', 'high', 'high']);

    const items = await agenda('dailyJointAssessment');
    const risk = items.filter((i) => i.kind === 'risk');
    expect(risk.length).toBeGreaterThanOrEqual(4);
    expect(risk.every((i) => ['high', 'critical'].includes(i.riskLevel) && sources.includes(i.unitId))).toBe(true);
    expect(risk.map((i) => i.title)).toEqual(expect.arrayContaining(['小区物业代收房产证费用引发群众抵触情绪（网络舆情）', '网格之家摸排：邻里纠纷多次调解未果']));
    // The 60 seeded grid cases are not department cases.
    for (const i of items) expect(GRID_KINDS).not.toContain(runtime.org.get(i.unitId)!.kind);
  });

  it('once the one-minute dispatch clocks run out, the lower-risk leads come up as overdue cases too', async () => {
    expect((await agenda('weeklyRiskAssignment')).filter((i) => i.kind === 'overdueCase')).toEqual([]);
    clock.advance(2);
    await runtime.scheduler.runDue();
    const overdue = (await agenda('weeklyRiskAssignment')).filter((i) => i.kind === 'overdueCase');
    expect(overdue.map((i) => i.title)).toEqual(expect.arrayContaining(['小区部分电动车充电桩无法使用', '网格员上门走访发现婚恋家庭矛盾']));
    for (const i of overdue) expect(GRID_KINDS).not.toContain(runtime.org.get(i.unitId)!.kind);
  });

  it('seeding again adds no second set of leads', async () => {
    const before = await demoLeads();
    await seedDistrict(runtime, { scale: 'demo', cases: 60 });
    expect(await demoLeads()).toEqual(before);
    expect(await runtime.entities.count(systemContext('en'), E)).toBe(60 + before.length);
  });
});
