// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserProfile } from '../../core/auth';
import { createContextInner, routerFor } from '../../core/api';
import type { Runtime } from '../../core/runtime';
import gridAlliance from '../../plugins/grid-alliance';
import riskNotices from '../../plugins/risk-notices';
import { fakeClock } from '../../test/fake-clock';
import { linshanzhaiOnly } from '../../test/plugin-config';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { webCaller } from '../lib/web-caller';
import { AssignTaskForm } from './grid-alliance/assign-task-form';
import { Ballot, CommentForm } from './grid-alliance/ballot';
import { OpenDeliberationForm } from './grid-alliance/open-deliberation-form';
import { CloseNoticeForm } from './risk-notices/close-notice-form';
import { DecisionForm } from './risk-notices/decision-form';
import { HoldMeetingForm } from './risk-notices/hold-meeting-form';

// The router is Next's; the pages only ask it to refresh or go to a new page.
const router = vi.hoisted(() => ({ refresh: vi.fn(), push: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => router }));

/**
 * The plugin pages' forms in happy-dom against the real tRPC router of a real runtime: the browser
 * client's requests go to the same handler the web app serves, as the signed-in user of the test.
 */
function serveTrpc(runtime: () => Runtime, user: () => UserProfile) {
  vi.stubGlobal('fetch', async (url: string | URL | Request, init?: RequestInit) => {
    const href = new URL(String(url instanceof Request ? url.url : url), 'http://localhost').toString();
    const req = new globalThis.Request(href, { method: init?.method ?? 'GET', headers: init?.headers as HeadersInit, body: init?.body as BodyInit | undefined });
    return fetchRequestHandler({ endpoint: '/api/trpc', req, router: routerFor(runtime()), createContext: () => createContextInner({ runtime: runtime(), lang: 'zh-CN', principal: user() }) });
  });
}

const change = (el: HTMLElement, value: string) => act(async () => void fireEvent.change(el, { target: { value } }));
const click = (el: HTMLElement) => act(async () => void fireEvent.click(el));
const settled = () => vi.waitFor(() => expect(document.querySelector('button[disabled]')).toBeNull());

afterEach(() => {
  cleanup();
  router.refresh.mockClear();
  router.push.mockClear();
});

describe.each(dialects())('risk-notices pages on %s', (dialect) => {
  const clock = fakeClock('2026-09-07T01:00:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let analyst: UserProfile;
  let housing: UserProfile;
  let user: UserProfile;
  let meetingId = '';
  const units = [{ id: 'zz-dept-housing', name: '区住建局' }];
  const rows = (table: string) => t.runtime.db.selectFrom(table as never).selectAll().execute();

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { district: 'zhongzhan', now: clock.now, plugins: [riskNotices] });
    analyst = await createPrincipal(t.runtime, [{ role: 'riskAnalyst', unitId: 'zz-command' }]);
    housing = await createPrincipal(t.runtime, [{ role: 'departmentHandler', unitId: 'zz-dept-housing' }]);
    serveTrpc(() => t.runtime, () => user);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await t?.close();
  });

  it('holds a meeting from the form and opens it', async () => {
    user = analyst;
    render(<HoldMeetingForm lang="zh-CN" kinds={[{ id: 'dailyJointAssessment', name: '日联合研判会商会' }]} units={units} path="/p/risk-notices/meetings" />);
    await change(screen.getByLabelText('参会人 1'), '住建局代表');
    await change(screen.getByLabelText('所属单位 1'), 'zz-dept-housing');
    await click(screen.getByRole('button', { name: '开会并生成议程' }));
    await vi.waitFor(() => expect(router.push).toHaveBeenCalled());
    const [meeting] = (await rows('rn_meeting')) as any[];
    expect(router.push).toHaveBeenCalledWith(`/p/risk-notices/meetings?id=${meeting.id}`);
    expect(JSON.parse(meeting.attendees)).toEqual([{ name: '住建局代表', unitId: 'zz-dept-housing' }]);
    meetingId = meeting.id;
  });

  it('a notice without a deadline or with a past one: the message at the deadline field, nothing recorded; with one ahead, the reminder is issued', async () => {
    user = analyst;
    render(<DecisionForm lang="zh-CN" meetingId={meetingId} cases={[]} units={units} />);
    await change(screen.getByLabelText('决定内容'), '交办住建局处置物业撤场风险');
    await click(screen.getByLabelText('据此签发风险提醒单'));
    await change(screen.getByLabelText(/责任单位/), 'zz-dept-housing');
    await change(screen.getByLabelText(/提醒事项/), '物业撤场风险化解');
    await click(screen.getByRole('button', { name: '记录决定并签发提醒单' }));
    await settled();
    expect(screen.getByRole('alert').textContent).toBeTruthy();
    expect(document.querySelector('[data-issue="/notice/deadline"]')?.textContent).toBe('风险提醒单必须填写办理时限');
    expect(await rows('rn_decision')).toEqual([]);
    expect(router.refresh).not.toHaveBeenCalled();

    // A past deadline is the server's to refuse; its message stands at the same field.
    await change(screen.getByLabelText(/办理时限/), '2026-09-01T17:00');
    await click(screen.getByRole('button', { name: '记录决定并签发提醒单' }));
    await settled();
    expect(document.querySelector('[data-issue="/notice/deadline"]')?.textContent).toBe('办结时限不能早于当前时间');
    expect(await rows('rn_decision')).toEqual([]);
    expect(router.refresh).not.toHaveBeenCalled();

    await change(screen.getByLabelText(/办理时限/), '2026-09-10T17:00');
    await click(screen.getByRole('button', { name: '记录决定并签发提醒单' }));
    await vi.waitFor(() => expect(router.refresh).toHaveBeenCalled());
    const notices = (await rows('rn_notice')) as any[];
    expect(notices).toEqual([expect.objectContaining({ kind: 'reminder', unit_id: 'zz-dept-housing', subject: '物业撤场风险化解', status: 'open', meeting_id: meetingId })]);
    expect(new Date(notices[0].deadline_at).getTime()).toBe(new Date('2026-09-10T17:00').getTime());
  });

  it('the unit closes its notice off with evidence; empty evidence is refused with the field’s message', async () => {
    user = housing;
    const [notice] = (await rows('rn_notice')) as any[];
    render(<CloseNoticeForm lang="zh-CN" noticeId={notice.id} />);
    await click(screen.getByRole('button', { name: '销号' }));
    await settled();
    expect(screen.getByRole('alert').textContent).toMatch(/evidence|text|佐证|字符|characters/i);
    expect(((await rows('rn_notice')) as any[])[0].status).toBe('open');
    await change(screen.getByLabelText('销号佐证'), '新物业已进驻，群众诉求已化解');
    await click(screen.getByRole('button', { name: '销号' }));
    await vi.waitFor(() => expect(router.refresh).toHaveBeenCalled());
    expect(((await rows('rn_notice')) as any[])[0]).toMatchObject({ status: 'closed', closed_by: housing.id });
  });
});

describe.each(dialects())('协商议事 page on %s', (dialect) => {
  const clock = fakeClock('2026-09-07T01:00:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let resident: UserProfile;
  let secretary: UserProfile;
  let user: UserProfile;
  let id = '';
  const votes = () => t.runtime.db.selectFrom('ga_vote').selectAll().execute();

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { configDir: linshanzhaiOnly(), now: clock.now, plugins: [gridAlliance] });
    secretary = await createPrincipal(t.runtime, [{ role: 'communitySecretary', unitId: 'zz-zy-01-01' }]);
    resident = await createPrincipal(t.runtime, [{ role: 'resident', unitId: 'zz-zy-01-01-01' }]);
    const caller = webCaller(createContextInner({ runtime: t.runtime, lang: 'zh-CN', principal: secretary }));
    const d = await caller.plugins['grid-alliance'].openDeliberation({ orgUnitId: 'zz-zy-01-01', topic: '1号院加装电梯方案', options: ['东侧加装', '西侧加装'], deadline: new Date(clock.now().getTime() + 86_400_000).toISOString() });
    id = d.id;
    serveTrpc(() => t.runtime, () => user);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await t?.close();
  });

  it('opening a deliberation without a deadline or with one option is refused at that field; with both it opens and goes to it', async () => {
    user = secretary;
    const before = await t.runtime.db.selectFrom('ga_deliberation').selectAll().execute();
    render(<OpenDeliberationForm lang="zh-CN" units={[{ id: 'zz-zy-01-01', name: '一社区' }]} path="/p/grid-alliance/deliberations" />);
    await change(screen.getByLabelText(/议题/), '2号院停车');
    await change(screen.getByLabelText(/选项/), '划线');
    // No deadline: said in words at the deadline field, not the schema's "format date-time".
    await click(screen.getByRole('button', { name: '发起议事' }));
    await settled();
    expect(document.querySelector('[data-issue="/deadline"]')?.textContent).toBe('请选择截止时间');
    expect(screen.getByRole('alert').textContent).toBe('请选择截止时间');
    expect(document.body.textContent).not.toContain('date-time');
    expect(await t.runtime.db.selectFrom('ga_deliberation').selectAll().execute()).toHaveLength(before.length);
    expect(router.push).not.toHaveBeenCalled();

    await change(screen.getByLabelText(/截止时间/), '2026-09-09T18:00');
    await click(screen.getByRole('button', { name: '发起议事' }));
    await settled();
    expect(document.querySelector('[data-issue="/deadline"]')).toBeNull();
    expect(document.querySelector('[data-issue="/options"]')?.textContent).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBeTruthy();
    expect(await t.runtime.db.selectFrom('ga_deliberation').selectAll().execute()).toHaveLength(before.length);
    expect(router.push).not.toHaveBeenCalled();

    await change(screen.getByLabelText(/选项/), '划线\n不划线');
    await click(screen.getByRole('button', { name: '发起议事' }));
    await vi.waitFor(() => expect(router.push).toHaveBeenCalled());
    const opened = (await t.runtime.db.selectFrom('ga_deliberation').selectAll().execute()).find((d) => d.topic === '2号院停车')!;
    expect(router.push).toHaveBeenCalledWith(`/p/grid-alliance/deliberations?id=${opened.id}`);
  });

  it('a joint task needs a member: refused at the member field, nothing created; with one it is handed over', async () => {
    user = secretary;
    await t.runtime.plugins.seed();
    const caller = webCaller(createContextInner({ runtime: t.runtime, lang: 'zh-CN', principal: secretary }));
    const members = (await caller.entity.list({ entity: 'allianceMember', limit: 2 })).items.map((m) => ({ id: m.id, name: String(m.data.name) }));
    const tasks = () => caller.entity.list({ entity: 'allianceTask', limit: 10 }).then((r) => r.items);
    render(<AssignTaskForm lang="zh-CN" units={[{ id: 'zz-zy-01-01', name: '一社区' }]} members={members} items={[]} />);
    await change(screen.getByLabelText('办事事项'), '清理楼道杂物');
    await click(screen.getByRole('button', { name: '派发' }));
    await settled();
    expect(document.querySelector('[data-issue="/memberId"]')?.textContent).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBeTruthy();
    expect(await tasks()).toEqual([]);

    await change(screen.getByRole('combobox', { name: /^承办成员/ }), members[0].id);
    await click(screen.getByRole('button', { name: '派发' }));
    await vi.waitFor(() => expect(router.refresh).toHaveBeenCalled());
    expect((await tasks()).map((x) => [x.data.title, x.data.memberId])).toEqual([['清理楼道杂物', members[0].id]]);
  });

  it('asks for a choice, casts the vote once, and shows the server’s refusal of a second', async () => {
    user = resident;
    render(<Ballot lang="zh-CN" id={id} options={['东侧加装', '西侧加装']} />);
    await click(screen.getByRole('button', { name: '投票' }));
    expect(screen.getByRole('alert').textContent).toBe('请选择一个选项');
    await click(screen.getByLabelText('东侧加装'));
    await click(screen.getByRole('button', { name: '投票' }));
    await vi.waitFor(() => expect(router.refresh).toHaveBeenCalled());
    expect(await votes()).toEqual([expect.objectContaining({ option: '东侧加装', voter: `user:${resident.id}` })]);
    // The page shows "you voted" next; a stale ballot voting again gets the server's message.
    await click(screen.getByLabelText('西侧加装'));
    await click(screen.getByRole('button', { name: '投票' }));
    await settled();
    expect(screen.getByRole('alert').textContent).toContain('已就此议题投过票');
    expect(await votes()).toHaveLength(1);
  });

  it('after the deadline a vote or comment is refused with the deadline in the message, nothing recorded', async () => {
    user = resident;
    clock.advance(24 * 60 + 1);
    render(<CommentForm lang="zh-CN" id={id} />);
    await change(screen.getByLabelText('发表意见'), '西侧采光影响小');
    await click(screen.getByRole('button', { name: '提交意见' }));
    await settled();
    expect(screen.getByRole('alert').textContent).toContain('截止');
    expect(await t.runtime.db.selectFrom('ga_comment').selectAll().execute()).toEqual([]);
  });
});
