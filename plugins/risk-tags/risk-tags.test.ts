import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner, createRuntimeCaller, systemContext, type Runtime } from '../../core/plugin-sdk';
import { fakeClock } from '../../test/fake-clock';
import { districtWithPlugins } from '../../test/plugin-config';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import riskTags from './index';

const GRID = 'hj-gx-c01-g01';

describe.each(dialects())('risk-tags on %s (Huiji)', (dialect) => {
  const clock = fakeClock('2026-09-07T01:00:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let runtime: Runtime;
  const callers: Record<string, any> = {};

  const report = (channel: string, data: Record<string, unknown>) =>
    runtime.entities.create(systemContext(), 'incidentCase', { orgUnitId: GRID, data: { category: 'disputes', channel, reportedAt: clock.now().toISOString(), ...data } });
  const status = async (id: string) => (await runtime.entities.get(systemContext(), 'incidentCase', id)).status;
  const jointCases = () => runtime.entities.list(systemContext(), 'riskJointCase', {}).then((r) => r.items);

  beforeAll(async () => {
    // The district's own settings (37 tags, 12 source types, its rules and escalation rule).
    t = await createTestRuntime(dialect, { configDir: districtWithPlugins('huiji', {}), now: clock.now, plugins: [riskTags] });
    runtime = t.runtime;
    for (const [name, role, unitId] of [['dispatcher', 'dispatcher', 'hj-command'], ['worker', 'gridWorker', GRID], ['elsewhere', 'subdistrictSecretary', 'hj-lyc']]) {
      const principal = await createPrincipal(runtime, [{ role, unitId }], name);
      callers[name] = createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal }));
    }
  });
  afterAll(() => t?.close());

  it('tags cases by keyword, category and channel rules, and keeps the tags entered on the form', async () => {
    const a = await report('gridReport', { title: '楼上邻里漏水纠纷', category: 'disputes.neighbour', riskTags: ['gasSafety'] });
    const tags = await callers.worker.plugins['risk-tags'].caseTags({ caseId: a.id });
    expect(tags.map((x: any) => [x.tag, x.source])).toEqual([['gasSafety', 'form'], ['neighbourDispute', 'rule']]);
    expect(tags[1]).toMatchObject({ label: { 'zh-CN': '邻里纠纷' }, riskType: 'conflictDispute' });
    // The keyword alone is not enough when the rule also names a category.
    const b = await report('gridReport', { title: '邻里噪音', category: 'urban.environment' });
    expect(await callers.worker.plugins['risk-tags'].caseTags({ caseId: b.id })).toEqual([]);
    // A channel condition: every lawsuit pushed by the court is a litigation signal.
    const c = await report('lawsuit', { title: '买卖合同纠纷' });
    expect((await callers.worker.plugins['risk-tags'].caseTags({ caseId: c.id })).map((x: any) => x.tag)).toEqual(['litigationPetition']);
    await expect(callers.worker.plugins['risk-tags'].caseTags({ caseId: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('escalates when one subject is seen in public opinion, a petition and a police call within 7 days', async () => {
    const phone = '13800000001';
    const opinion = await report('publicOpinion', { title: '网帖反映拖欠工资', reporterPhone: phone });
    clock.advance(2 * 1440);
    const petition = await report('petition', { title: '再次上访讨薪', reporterPhone: phone });
    expect(await jointCases()).toEqual([]);
    clock.advance(3 * 1440);
    const police = await report('police110', { title: '讨薪人员聚集工地', reporterPhone: phone });
    expect(await status(police.id)).toBe('escalated');
    expect(await status(petition.id)).toBe('reported');
    const incident = runtime.registry.get('incidentCase');
    expect(await runtime.workflow.responsibleUnit(runtime.db, incident, police.id)).toBe('hj');
    expect(await runtime.workflow.responsibleUnit(runtime.db, incident, petition.id)).toBe(GRID);
    const joint = await jointCases();
    expect(joint).toEqual([expect.objectContaining({ orgUnitId: 'hj', data: expect.objectContaining({ subjectKey: `person:${phone}`, rule: 'opinionPetitionPolice', sourceTypes: ['publicOpinion', 'petition', 'police110'] }) })]);
    expect([...(joint[0].data.caseIds as string[])].sort()).toEqual([opinion.id, petition.id, police.id].sort());
    const detail = await callers.dispatcher.plugins['risk-tags'].subject({ key: `person:${phone}` });
    expect(detail).toMatchObject({ level: 'high', escalations: [{ rule: 'opinionPetitionPolice', caseId: police.id, jointCaseId: joint[0].id }] });
    expect(detail.signals.map((s: any) => s.sourceType)).toEqual(['publicOpinion', 'petition', 'police110']);
    expect(detail.signals[1].tags).toEqual(expect.arrayContaining(['repeatPetition', 'wageArrears']));
    // A fourth signal in the same window escalates nothing again.
    const again = await report('publicOpinion', { title: '讨薪视频再次传播', reporterPhone: phone });
    expect(await status(again.id)).toBe('reported');
    expect(await jointCases()).toHaveLength(1);
  });

  it('does not escalate when the signals fall outside the window or miss a source', async () => {
    const slow = '13800000002';
    await report('publicOpinion', { title: '舆情', reporterPhone: slow });
    clock.advance(3 * 1440);
    await report('petition', { title: '信访', reporterPhone: slow });
    clock.advance(5 * 1440); // the opinion is now 8 days old
    const late = await report('police110', { title: '警情', reporterPhone: slow });
    expect(await status(late.id)).toBe('reported');
    const partial = '13800000003';
    await report('publicOpinion', { title: '舆情', reporterPhone: partial });
    await report('petition', { title: '信访', reporterPhone: partial });
    const hotline = await report('hotline12345', { title: '热线', reporterPhone: partial });
    expect(await status(hotline.id)).toBe('reported');
    expect(await jointCases()).toHaveLength(1);
    const register = await callers.dispatcher.plugins['risk-tags'].register({ kind: 'person' });
    expect(register.find((s: any) => s.key === `person:${partial}`)).toMatchObject({ level: 'low', signals: 3, sourceTypes: ['publicOpinion', 'petition', 'hotline12345'] });
  });

  it('files buildings and enterprises named in the address and title', async () => {
    await report('digitalUrban', { title: '郑州宏达建材有限公司门前垃圾堆放', address: '惠济区天河路100号院3号楼东侧' });
    const buildings = await callers.dispatcher.plugins['risk-tags'].register({ kind: 'building' });
    expect(buildings.map((s: any) => s.label)).toEqual(['惠济区天河路100号院3号楼']);
    const firms = await callers.dispatcher.plugins['risk-tags'].register({ kind: 'enterprise' });
    expect(firms.map((s: any) => s.label)).toEqual(['郑州宏达建材有限公司']);
  });

  it('suggests the tags of the category the classifier proposes, once a model is trained', async () => {
    const misfiled = await report('gridReport', { title: '楼上卫生间漏水到我家', category: 'urban.environment' });
    // No model yet: only stored tags (none here).
    expect(await callers.worker.plugins['risk-tags'].caseTags({ caseId: misfiled.id })).toEqual([]);
    const neighbour = ['楼上漏水邻居不管', '邻居装修噪音扰民', '楼上漏水泡坏天花板', '邻里为漏水争吵'];
    const street = ['路边垃圾堆放无人清理', '街道垃圾桶满溢', '小区门口垃圾乱倒', '道路污水横流'];
    const samples = Array.from({ length: 24 }, (_, i) => (i % 2
      ? { key: `s${i}`, text: neighbour[i % 4], label: 'disputes.neighbour' }
      : { key: `s${i}`, text: street[i % 4], label: 'urban.environment' }));
    await runtime.classifier.train('incidentCase', samples, 'en');
    const tags = await callers.worker.plugins['risk-tags'].caseTags({ caseId: misfiled.id });
    expect(tags).toEqual([expect.objectContaining({ tag: 'neighbourDispute', source: 'classifier', confidence: expect.any(Number) })]);
    expect(tags[0].confidence).toBeGreaterThanOrEqual(0.5);
    // Suggestions are not stored: the register keeps only what the rules decided.
    expect(await runtime.db.selectFrom('rt_case_tag').select('tag').where('record_id', '=', misfiled.id).execute()).toEqual([]);
  });

  it('shows the register only to its readers, within their scope, and refuses bad input', async () => {
    await expect(callers.worker.plugins['risk-tags'].register({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await callers.elsewhere.plugins['risk-tags'].register({})).toEqual([]);
    await expect(callers.elsewhere.plugins['risk-tags'].subject({ key: 'person:13800000001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callers.dispatcher.plugins['risk-tags'].register({ kind: 'planet' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [expect.objectContaining({ path: '/kind' })] } });
    await expect(callers.dispatcher.plugins['risk-tags'].subject({ key: 'person:nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows the escalation rules with their results, within the reader’s scope; refused to others', async () => {
    const { rules, results, sourceTypes, tags } = await callers.dispatcher.plugins['risk-tags'].escalations();
    expect([sourceTypes.length, tags.length]).toEqual([12, 37]);
    expect(rules).toEqual([expect.objectContaining({ key: 'opinionPetitionPolice', minSourceTypes: 3, withinDays: 7, level: 'high' })]);
    expect(rules[0].sourceTypes.map((s: any) => s.key)).toEqual(['publicOpinion', 'petition', 'police110']);
    expect(rules[0].sourceTypes.every((s: any) => s.label?.['zh-CN'])).toBe(true);
    expect(results).toEqual([expect.objectContaining({ rule: 'opinionPetitionPolice', subjectKey: 'person:13800000001', subjectKind: 'person', level: 'high', jointCaseId: expect.any(String) })]);
    expect((await callers.elsewhere.plugins['risk-tags'].escalations()).results).toEqual([]);
    await expect(callers.worker.plugins['risk-tags'].escalations()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
