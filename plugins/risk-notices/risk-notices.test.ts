import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fake-clock';
import { createContextInner, createRuntimeCaller, systemContext, type Runtime } from '../../core/plugin-sdk';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import riskNotices from './index';

const HOUSING = 'zz-dept-housing';
const URBAN = 'zz-dept-urban';

describe.each(dialects())('risk-notices on %s (Zhongzhan 三会两单)', (dialect) => {
  // Monday 09:00 in Jiaozuo.
  const clock = fakeClock('2026-09-07T01:00:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let runtime: Runtime;
  let analyst: any;
  let housing: any;
  let urban: any;
  let resident: any;
  const ids: Record<string, string> = {};
  const inDays = (d: number) => new Date(clock.now().getTime() + d * 86_400_000).toISOString();
  const newCase = async (orgUnitId: string, title: string, riskLevel: string) =>
    (await runtime.entities.create(systemContext(), 'incidentCase', { orgUnitId, data: { title, category: 'property.dispute', channel: 'gridReport', reportedAt: clock.now().toISOString(), riskLevel } })).id;
  const rn = (caller: any) => caller.plugins['risk-notices'];

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { district: 'zhongzhan', now: clock.now, plugins: [riskNotices] });
    runtime = t.runtime;
    const as = async (role: string, unitId: string, name: string) => createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role, unitId }], name) }));
    analyst = await as('riskAnalyst', 'zz-command', 'rnanalyst');
    housing = await as('departmentHandler', HOUSING, 'rnhousing');
    urban = await as('departmentHandler', URBAN, 'rnurban');
    resident = await as('resident', 'zz-lf-c01', 'rnresident');
    ids.highRisk = await newCase(HOUSING, '小区物业撤场引发群体性矛盾风险', 'high');
    ids.lowRisk = await newCase(HOUSING, '楼道堆放杂物', 'low');
    ids.outside = await newCase('zz-lf-c01', '社区内高风险但非部门线索', 'high');
    ids.overdue = await newCase(URBAN, '占道经营长期未处置', 'low');
    // The standard profile's one-minute dispatch clock runs out.
    clock.advance(2);
    await runtime.scheduler.runDue();
  });
  afterAll(() => t?.close());

  it('builds the daily agenda from open high risks and overdue cases of the departments', async () => {
    const m = await rn(analyst).holdMeeting({ kind: 'dailyJointAssessment', attendees: [{ name: '综合分析研判员', unitId: 'zz-command' }, { name: '住建局代表', unitId: HOUSING }] });
    ids.daily = m.id;
    const risk = m.agenda.filter((i: any) => i.kind === 'risk').map((i: any) => i.caseId);
    expect(risk).toEqual([ids.highRisk]);
    const overdue = m.agenda.filter((i: any) => i.kind === 'overdueCase').map((i: any) => i.caseId);
    expect(overdue).toEqual(expect.arrayContaining([ids.overdue, ids.highRisk]));
    expect(overdue).not.toContain(ids.outside);
    expect(m.attendees).toHaveLength(2);
  });

  it('refuses a notice without a deadline, a past deadline, an unknown unit and non-analysts, changing nothing', async () => {
    const noDeadline = rn(analyst).decide({ meetingId: ids.daily, text: '交办住建局', notice: { unitId: HOUSING, subject: '物业撤场风险' } });
    await expect(noDeadline).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [expect.objectContaining({ path: '/notice/deadline' })] } });
    await expect(rn(analyst).decide({ meetingId: ids.daily, text: '交办', notice: { unitId: HOUSING, subject: '物业撤场风险', deadline: inDays(-1) } }))
      .rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/notice/deadline' })] } });
    await expect(rn(analyst).decide({ meetingId: ids.daily, text: '交办', notice: { unitId: 'zz-nowhere', subject: '物业撤场风险', deadline: inDays(3) } }))
      .rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/notice/unitId', message: expect.stringContaining('zz-nowhere') })] } });
    await expect(rn(analyst).decide({ meetingId: 'no-such-meeting', text: '交办' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rn(resident).holdMeeting({ kind: 'dailyJointAssessment', attendees: [{ name: 'x' }] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rn(housing).decide({ meetingId: ids.daily, text: '交办' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await runtime.db.selectFrom('rn_decision').select('id').execute()).toEqual([]);
    expect(await runtime.db.selectFrom('rn_notice').select('id').execute()).toEqual([]);
  });

  it('issues reminder notices from decisions; one closed on time, one escalates to supervision at its deadline', async () => {
    const a = await rn(analyst).decide({ meetingId: ids.daily, text: '交办住建局牵头处置物业撤场', caseId: ids.highRisk, notice: { unitId: HOUSING, subject: '物业撤场风险化解', deadline: inDays(3) } });
    const b = await rn(analyst).decide({ meetingId: ids.daily, text: '交办城管局清理占道', caseId: ids.overdue, notice: { unitId: URBAN, subject: '占道经营整治', deadline: inDays(2) } });
    ids.reminder = a.noticeId;
    expect(await rn(housing).notices({})).toEqual([expect.objectContaining({ id: a.noticeId, kind: 'reminder', status: 'open', caseId: ids.highRisk })]);
    clock.advance(24 * 60);
    expect(await rn(urban).closeNotice({ noticeId: b.noticeId, evidence: { text: '已清理占道摊点并建立长效巡查' } })).toMatchObject({ status: 'closed', evidence: { text: '已清理占道摊点并建立长效巡查', uploadIds: [] } });

    clock.advance(2 * 24 * 60);
    await runtime.scheduler.runDue();
    expect(await runtime.db.selectFrom('rn_notice').select('id').where('kind', '=', 'supervision').execute()).toEqual([]);
    clock.advance(61);
    await runtime.scheduler.runDue();
    await runtime.scheduler.runDue();
    const supervisions = await rn(housing).notices({ kind: 'supervision' });
    expect(supervisions).toEqual([expect.objectContaining({ parentId: ids.reminder, unitId: HOUSING, status: 'open', meetingId: null })]);
    ids.supervision = supervisions[0].id;
    expect((await rn(housing).notices({ kind: 'reminder' }))[0].status).toBe('overdue');
    const told = await runtime.db.selectFrom('notification').select(['unit_id']).where('kind', '=', 'riskNotices.supervision').execute();
    expect(told).toEqual([{ unit_id: HOUSING }]);
  });

  it('puts the supervision notice on the weekly meeting and closes both notices off with evidence', async () => {
    const weekly = await rn(analyst).holdMeeting({ kind: 'weeklyRiskAssignment', attendees: [{ name: '区委政法委', unitId: 'zz-dept-politics' }] });
    expect(weekly.agenda.filter((i: any) => i.kind === 'overdueNotice').map((i: any) => i.noticeId)).toEqual([ids.reminder]);
    expect(weekly.notices.map((n: any) => n.id)).toEqual([ids.supervision]);

    await expect(rn(urban).closeNotice({ noticeId: ids.supervision, evidence: { text: '不是我的' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rn(housing).closeNotice({ noticeId: ids.supervision, evidence: { text: '已处置', uploadIds: ['no-such-upload'] } }))
      .rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/evidence/uploadIds/0' })] } });
    await expect(rn(housing).closeNotice({ noticeId: ids.supervision })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/evidence' })] } });
    expect((await rn(housing).notices({ status: 'closed' }))).toEqual([]);

    const closed = await rn(housing).closeNotice({ noticeId: ids.supervision, evidence: { text: '新物业已进驻，群众诉求已化解' } });
    expect(closed).toMatchObject({ status: 'closed', closedAt: clock.now().toISOString() });
    expect((await rn(housing).notices({ kind: 'reminder' }))[0].status).toBe('closed');
    await expect(rn(housing).closeNotice({ noticeId: ids.supervision, evidence: { text: '再次销号' } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('counts notices per unit for performance assessment', async () => {
    const figures = await rn(analyst).performance({});
    expect(figures).toEqual([
      expect.objectContaining({ unitId: HOUSING, reminders: 1, closedOnTime: 0, overdue: 1, supervisions: 1, supervisionsClosed: 1, open: 0, onTimeRate: 0 }),
      expect.objectContaining({ unitId: URBAN, reminders: 1, closedOnTime: 1, overdue: 0, supervisions: 0, open: 0, onTimeRate: 1 }),
    ]);
    await expect(rn(housing).performance({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rn(resident).notices({})).toEqual([]);
  });

  it('lists the meetings by kind, newest first, with their decision and notice counts; analysts only', async () => {
    const all = await rn(analyst).meetings({});
    expect(all.map((m: any) => m.kind)).toEqual(['weeklyRiskAssignment', 'dailyJointAssessment']);
    expect(all[1]).toMatchObject({ id: ids.daily, attendees: 2, decisions: 2, notices: 2 });
    expect(await rn(analyst).meetings({ kind: 'dailyJointAssessment' })).toEqual([expect.objectContaining({ id: ids.daily })]);
    expect(await rn(analyst).meetings({ kind: 'districtCrisisControl' })).toEqual([]);
    await expect(rn(analyst).meetings({ kind: 'tea' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(rn(housing).meetings({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await rn(analyst).meetingKinds()).map((k: any) => k.key)).toEqual(['dailyJointAssessment', 'weeklyRiskAssignment', 'districtCrisisControl']);
    await expect(rn(resident).meetingKinds()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
