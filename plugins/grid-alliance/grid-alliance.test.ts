import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner, createRuntimeCaller, systemContext, type Runtime } from '../../core/plugin-sdk';
import { fakeClock } from '../../test/fake-clock';
import { linshanzhaiOnly } from '../../test/plugin-config';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import gridAlliance from './index';

const STREET = 'zz-zy-01';
const COMMUNITY = 'zz-zy-01-01';
const GRID = 'zz-zy-01-01-01';

describe.each(dialects())('grid-alliance 131 on %s (Zhengzhou, Linshanzhai)', (dialect) => {
  const clock = fakeClock('2026-09-07T01:00:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let runtime: Runtime;
  const callers: Record<string, any> = {};
  const ga = (who: string) => callers[who].plugins['grid-alliance'];
  let members: { id: string; data: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { configDir: linshanzhaiOnly(), now: clock.now, plugins: [gridAlliance] });
    runtime = t.runtime;
    const people: [string, string, string][] = [
      ['admin', 'cityAdmin', 'zz'],
      ['secretary', 'communitySecretary', COMMUNITY],
      ['worker', 'gridWorker', GRID],
      ['resident1', 'resident', GRID],
      ['resident2', 'resident', GRID],
      ['otherSecretary', 'communitySecretary', 'zz-zy-01-02'],
    ];
    for (const [name, role, unitId] of people) {
      const principal = await createPrincipal(runtime, [{ role, unitId }], name);
      callers[name] = createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal }));
    }
  });
  afterAll(() => t?.close());

  it('loads the demo members (81 + 36 + 14) and the 125-item catalogue in 6 categories, once', async () => {
    await expect(ga('secretary').loadFixtures()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await ga('admin').loadFixtures()).toEqual({ loaded: true });
    expect(await ga('admin').loadFixtures()).toEqual({ loaded: false });
    const { members: byKind, items } = await ga('admin').summary();
    expect(Object.fromEntries(byKind.map((r: any) => [r.value, r.count]))).toEqual({ residentUnit: 81, marketEntity: 36, socialOrganisation: 14 });
    expect(items).toHaveLength(6);
    expect(items.reduce((n: number, r: any) => n + r.count, 0)).toBe(125);
    members = (await runtime.entities.list(systemContext(), 'allianceMember', { search: '市园林局' })).items;
    expect(members).toEqual([expect.objectContaining({ orgUnitId: STREET, data: { name: '市园林局', kind: 'residentUnit' } })]);
  });

  it('shows the catalogue by category: the two categories the source names, the other four and every unnamed item marked as to be named', async () => {
    const cats = await ga('worker').catalogue();
    expect(cats.map((c: any) => c.label['zh-CN'])).toEqual(['医疗服务', '楼院共治', '第3类（待区里命名）', '第4类（待区里命名）', '第5类（待区里命名）', '第6类（待区里命名）']);
    expect(cats.map((c: any) => c.toBeNamed)).toEqual([false, false, true, true, true, true]);
    expect(cats[2].label.en).toBe('Category 3 (to be named by the district)');
    const items = cats.flatMap((c: any) => c.items);
    expect(items).toHaveLength(125);
    // The source names no service item: each one says it is a placeholder.
    expect(items.every((i: any) => i.toBeNamed && i.name.endsWith('（待区里命名）'))).toBe(true);
    expect(cats[0].items[0].name).toBe('医疗服务第01项（待区里命名）');
    const placeholders = (await runtime.entities.list(systemContext(), 'allianceMember', { search: '市场主体第002家' })).items;
    expect(placeholders.map((m) => m.data)).toContainEqual({ name: '市场主体第002家（待区里命名）', kind: 'marketEntity', toBeNamed: true });
    // Residents may read the catalogue; someone outside the alliance's roles may not.
    expect(await ga('resident1').catalogue()).toHaveLength(6);
  });

  it('网格报事: a report becomes a normal incident case on the alliance channel', async () => {
    const record = await ga('worker').report({ orgUnitId: GRID, title: '楼院路灯损坏', address: '林山寨街道1号院', memberId: members[0].id });
    expect(record).toMatchObject({ orgUnitId: GRID, status: expect.any(String), data: { channel: 'gridReport', category: 'civil', sourceRef: `grid-alliance:${members[0].id}` } });
    expect(await runtime.db.selectFrom('ga_report').select(['record_id', 'member_id']).execute()).toEqual([{ record_id: record.id, member_id: members[0].id }]);
    await expect(ga('worker').report({ orgUnitId: 'zz-js', title: '别处的事' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [expect.objectContaining({ path: '/orgUnitId' })] } });
    await expect(ga('worker').report({ orgUnitId: GRID, title: '路灯', memberId: 'nobody' })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/memberId' })] } });
    await expect(ga('worker').report({ orgUnitId: GRID, title: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [expect.objectContaining({ path: '/title' })] } });
    expect(await runtime.db.selectFrom('ga_report').select('record_id').execute()).toHaveLength(1);
  });

  it('协商议事: votes until the deadline, one per person or unit; the job tallies and records the decision', async () => {
    const deadline = new Date(clock.now().getTime() + 2 * 86_400_000).toISOString();
    await expect(ga('resident1').openDeliberation({ orgUnitId: COMMUNITY, topic: '1号院加装电梯方案', options: ['A', 'B'], deadline })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ga('secretary').openDeliberation({ orgUnitId: COMMUNITY, topic: '方案', options: ['A', 'A'], deadline })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/options' })] } });
    await expect(ga('secretary').openDeliberation({ orgUnitId: COMMUNITY, topic: '方案', options: ['A', 'B'], deadline: '2026-09-01T00:00:00.000Z' })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/deadline' })] } });
    const d = await ga('secretary').openDeliberation({ orgUnitId: COMMUNITY, topic: '1号院加装电梯方案', options: ['东侧加装', '西侧加装'], deadline });
    expect(d).toMatchObject({ status: 'open', votes: 0 });

    await ga('resident1').vote({ id: d.id, option: '东侧加装' });
    await ga('resident2').vote({ id: d.id, option: '西侧加装' });
    await ga('secretary').vote({ id: d.id, option: '东侧加装', memberId: members[0].id });
    await ga('resident2').comment({ id: d.id, body: '西侧采光影响小' });
    const twice = await ga('resident1').vote({ id: d.id, option: '西侧加装' }).catch((e: any) => e);
    expect(twice).toMatchObject({ code: 'CONFLICT', cause: { issues: [expect.objectContaining({ code: 'alreadyVoted' })] } });
    await expect(ga('worker').vote({ id: d.id, option: '东侧加装', memberId: members[0].id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(ga('worker').vote({ id: d.id, option: '南侧' })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/option' })] } });
    await expect(ga('worker').vote({ id: 'nope', option: '东侧加装' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await ga('secretary').deliberation({ id: d.id })).votes).toBe(3);
    expect(await ga('resident1').deliberation({ id: d.id })).toMatchObject({ myVote: '东侧加装', tally: null, status: 'open' });
    expect((await ga('worker').deliberation({ id: d.id })).myVote).toBeNull();
    // Another community neither sees nor votes on it, nor opens one here.
    await expect(ga('otherSecretary').vote({ id: d.id, option: '东侧加装' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ga('otherSecretary').deliberation({ id: d.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ga('otherSecretary').deliberations({})).toEqual([]);
    await expect(ga('otherSecretary').openDeliberation({ orgUnitId: COMMUNITY, topic: '越界议题', options: ['A', 'B'], deadline })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await ga('resident1').deliberations({ status: 'open' })).map((x: any) => x.id)).toEqual([d.id]);
    await expect(ga('resident1').deliberations({ status: 'closed' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [expect.objectContaining({ path: '/status' })] } });

    clock.advance(2 * 1440); // the deadline: votes refused even before the tally runs
    const late = await ga('worker').vote({ id: d.id, option: '东侧加装' }).catch((e: any) => e);
    expect(late).toMatchObject({ code: 'CONFLICT', cause: { issues: [expect.objectContaining({ path: '/id', code: 'closed' })] } });
    await expect(ga('worker').comment({ id: d.id, body: '晚了' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await runtime.db.selectFrom('ga_vote').select('voter').where('deliberation_id', '=', d.id).execute()).toHaveLength(3);

    clock.advance(5);
    await runtime.scheduler.runDue();
    const decided = await ga('resident1').deliberation({ id: d.id });
    expect(decided).toMatchObject({ status: 'decided', decision: '东侧加装', tally: { 东侧加装: 2, 西侧加装: 1 }, comments: [expect.objectContaining({ body: '西侧采光影响小' })] });
  });

  it('records no decision on a tie', async () => {
    const deadline = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const d = await ga('secretary').openDeliberation({ orgUnitId: COMMUNITY, topic: '停车位划线', options: ['划线', '不划线'], deadline });
    await ga('resident1').vote({ id: d.id, option: '划线' });
    await ga('resident2').vote({ id: d.id, option: '不划线' });
    clock.advance(65);
    await runtime.scheduler.runDue();
    expect(await ga('secretary').deliberation({ id: d.id })).toMatchObject({ status: 'noDecision', decision: null, tally: { 划线: 1, 不划线: 1 } });
  });

  it('联动办事: a task for one member on its own clock; reminded when the member does not accept in time', async () => {
    await expect(ga('secretary').assignTask({ orgUnitId: COMMUNITY, title: '清理楼道杂物', memberId: 'nobody' })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/memberId' })] } });
    await expect(ga('otherSecretary').assignTask({ orgUnitId: COMMUNITY, title: '清理楼道杂物', memberId: members[0].id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const task = await ga('secretary').assignTask({ orgUnitId: COMMUNITY, title: '清理楼道杂物', memberId: members[0].id });
    expect(task).toMatchObject({ status: 'assigned', data: { memberId: members[0].id } });
    clock.advance(3 * 60);
    await runtime.scheduler.runDue();
    expect(await runtime.db.selectFrom('notice').select('kind').where('record_id', '=', task.id).execute()).toEqual([]);
    clock.advance(61);
    await runtime.scheduler.runDue();
    expect(await runtime.db.selectFrom('notice').select('kind').where('record_id', '=', task.id).execute()).toEqual([{ kind: 'reminder' }]);
    await callers.secretary.case.fire({ entity: 'allianceTask', id: task.id, transition: 'accept' });
    const done = await callers.secretary.case.fire({ entity: 'allianceTask', id: task.id, transition: 'finish', form: { result: '已清理完毕' } });
    expect(done.status).toBe('done');
  });
});
