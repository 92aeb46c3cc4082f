import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import type { UserProfile } from '../auth';
import { systemContext } from '../entities';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { createTestRuntime, dialects } from '../../test/test-database';

const E = 'incidentCase';
const GRID = 'xg-wcl-c01-g04'; // 军民巷社区第四网格
const COMMUNITY = 'xg-wcl-c01';
const MIN = 60_000;

/** A clock tests move by hand: no sleeping, deadlines reached in microseconds. */
function fakeClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (minutes: number) => void (now += minutes * MIN) };
}


describe.each(dialects())('workflow engine on %s', (dialect) => {
  const clock = fakeClock('2026-09-07T01:00:00.000Z'); // Monday 09:00 in Luoyang
  let runtime: Runtime;
  let close: () => Promise<void>;
  const users: Record<string, UserProfile> = {};
  const as = (name: string) => createCaller(createContextInner({ runtime, lang: 'en', principal: users[name] }));
  const ctxOf = (name: string) => {
    const u = users[name];
    return createContextInner({ runtime, lang: 'en', principal: u });
  };
  const svc = (name: string) => {
    const c = ctxOf(name);
    return { lang: c.lang, actor: { id: users[name].id }, ability: c.ability, roles: users[name].assignments.map((a) => a.role), units: users[name].assignments.map((a) => a.unitId) };
  };

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { now: clock.now }));
    const make = async (name: string, role: string, unitId: string) => (users[name] = await createPrincipal(runtime, [{ role, unitId }], name));
    await make('dispatcher', 'dispatcher', 'xg-command');
    await make('worker', 'gridWorker', GRID);
    await make('otherWorker', 'gridWorker', 'xg-hs-c01-g01');
    await make('secretary', 'communitySecretary', COMMUNITY);
    await make('fire', 'departmentHandler', 'xg-dept-fire');
    await make('urban', 'departmentHandler', 'xg-dept-urban');
    await make('resident', 'resident', 'xg');
  });
  afterAll(() => close());

  const report = (who = 'resident', extra: Record<string, unknown> = {}) =>
    as(who).entity.create({
      entity: E,
      orgUnitId: GRID,
      data: { title: '巷口装饰檐脱落', category: 'safety.building', channel: 'residentApp', reportedAt: clock.now().toISOString(), reporterPhone: '13800138000', ...extra },
    });
  const fire = (who: string, id: string, transition: string, form?: Record<string, unknown>) => as(who).case.fire({ entity: E, id, transition, form });
  const arriveForm = { photos: ['file-1'], location: { lng: 112.43, lat: 34.67 } };

  it('runs the default path reported → accepted → dispatched → on site → handled → feedback → closed, with clocks', async () => {
    const created = await report();
    expect(created.status).toBe('reported');
    let tl = await as('dispatcher').case.timeline({ entity: E, id: created.id });
    expect(tl.clocks.map((c) => [c.clock, c.status, c.remainingMinutes])).toEqual([
      ['respond', 'running', 30],
      ['feedback', 'running', 1440],
    ]);
    expect((await as('worker').case.available({ entity: E, id: created.id })).map((t) => t.key).sort()).toEqual(['accept', 'escalate']);
    clock.advance(10);
    await fire('worker', created.id, 'accept');
    await fire('dispatcher', created.id, 'dispatch', { note: '请网格员现场处置' });
    const missing = await expectError(fire('worker', created.id, 'arrive', { photos: [] }), Error);
    expect((missing as { code?: string }).code).toBe('BAD_REQUEST');
    expect((missing.cause as ValidationError).issues.map((i) => i.path).sort()).toEqual(['/form/location', '/form/photos']);
    clock.advance(50);
    await fire('worker', created.id, 'arrive', arriveForm);
    await fire('worker', created.id, 'handle', { result: '已搭梯拆除旧檐，隐患排除' });
    await fire('worker', created.id, 'giveFeedback', { feedback: '已处理完毕' });
    const closed = await fire('dispatcher', created.id, 'close');
    expect(closed.status).toBe('closed');
    tl = await as('dispatcher').case.timeline({ entity: E, id: created.id });
    expect(Object.fromEntries(tl.clocks.map((c) => [c.clock, c.status]))).toEqual({ respond: 'met', feedback: 'met', onSite: 'met' });
    expect(tl.events.filter((e) => e.type === 'transition').map((e) => e.transition)).toEqual(['accept', 'dispatch', 'arrive', 'handle', 'giveFeedback', 'close']);
    expect(tl.events.find((e) => e.transition === 'arrive')?.data).toEqual(arriveForm);
    // The resident rates once per closure; a good rating keeps it closed.
    expect(await as('resident').case.rate({ entity: E, id: created.id, rating: 5, comment: '很满意' })).toEqual({ reopened: false });
    await expect(as('resident').case.rate({ entity: E, id: created.id, rating: 4 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(as('dispatcher').case.rate({ entity: E, id: created.id, rating: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses unknown transitions, wrong states, other grids and missing roles, changing nothing', async () => {
    const c = await report();
    await expect(fire('worker', c.id, 'teleport')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const wrong = await expectError(runtime.workflow.fire(svc('dispatcher'), E, c.id, 'close'), ConflictError);
    expect(wrong.message).toMatch(/state "reported"/);
    await expectError(runtime.workflow.fire(svc('otherWorker'), E, c.id, 'accept'), ForbiddenError);
    await expectError(runtime.workflow.fire(svc('worker'), E, c.id, 'reject', { form: { reason: '重复上报' } }), ForbiddenError);
    await expectError(runtime.workflow.fire(svc('dispatcher'), E, c.id, 'complete'), ForbiddenError);
    expect((await runtime.entities.get(systemContext(), E, c.id)).status).toBe('reported');
  });

  it('two people firing at once: exactly one wins, the other is told the current state', async () => {
    const c = await report();
    const results = await Promise.allSettled([fire('worker', c.id, 'accept'), fire('dispatcher', c.id, 'accept')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason.code).toBe('CONFLICT');
    expect(loser.reason.message).toMatch(/accepted/);
    const events = (await as('dispatcher').case.timeline({ entity: E, id: c.id })).events.filter((e) => e.transition === 'accept');
    expect(events).toHaveLength(1);
  });

  it('breach → reminder → escalation up a level → supervision notice → closed off (销号) when the case is acted on', async () => {
    const c = await report();
    clock.advance(31);
    await runtime.scheduler.runDue();
    let tl = await as('dispatcher').case.timeline({ entity: E, id: c.id });
    const respond = tl.clocks.find((x) => x.clock === 'respond')!;
    expect(respond.status).toBe('breached');
    expect(tl.notices.map((n: any) => [n.kind, n.unit_id, n.status])).toEqual([['reminder', GRID, 'open']]);
    expect(tl.events.find((e) => e.type === 'escalate')?.data).toMatchObject({ from: GRID, to: COMMUNITY, level: 'community' });
    const notes = await as('secretary').case.notifications({});
    expect(notes.some((n) => n.record_id === c.id && n.role === 'communitySecretary')).toBe(true);
    expect((await as('dispatcher').case.queue({ entity: E, kind: 'overdue' })).items.map((r) => r.id)).toContain(c.id);
    // Still overdue an hour later: a supervision notice with a deadline, to the community.
    clock.advance(60);
    await runtime.scheduler.runDue();
    tl = await as('dispatcher').case.timeline({ entity: E, id: c.id });
    const supervision = tl.notices.find((n: any) => n.kind === 'supervision') as any;
    expect(supervision).toMatchObject({ unit_id: COMMUNITY, status: 'open' });
    expect(new Date(supervision.deadline_at).getTime() - clock.now().getTime()).toBe(1440 * MIN);
    expect((await as('dispatcher').case.queue({ entity: E, kind: 'supervised' })).items.map((r) => r.id)).toContain(c.id);
    const perf = await as('dispatcher').case.performance({});
    // Other cases of this suite breach too: each of this case's notices is counted for its unit.
    expect(perf.find((p) => p.unitId === COMMUNITY)!.supervisionsOpen).toBeGreaterThanOrEqual(1);
    expect(perf.find((p) => p.unitId === GRID)!.reminders).toBeGreaterThanOrEqual(1);
    // The secretary (now responsible) accepts: the clock stops late, its notices are closed.
    await fire('secretary', c.id, 'accept');
    tl = await as('dispatcher').case.timeline({ entity: E, id: c.id });
    expect(tl.clocks.find((x) => x.clock === 'respond')!.status).toBe('late');
    expect(tl.notices.every((n: any) => n.status === 'closed' && n.closed_reason === 'clockStopped')).toBe(true);
    expect((await as('dispatcher').case.queue({ entity: E, kind: 'supervised' })).items.map((r) => r.id)).not.toContain(c.id);
  });

  it('a manual escalation moves responsibility up and is in the history', async () => {
    const c = await report();
    await fire('worker', c.id, 'escalate', { reason: '涉及多户，需社区协调' });
    const tl = await as('dispatcher').case.timeline({ entity: E, id: c.id });
    expect(tl.record.status).toBe('escalated');
    expect(tl.events.filter((e) => e.type === 'escalate').map((e) => e.data)).toEqual([{ from: GRID, to: COMMUNITY, level: 'community' }]);
    await fire('secretary', c.id, 'escalate', { reason: '需街道统筹' }).catch(() => undefined);
    expect((await as('secretary').case.queue({ entity: E, kind: 'mine' })).items.map((r) => r.id)).toContain(c.id);
  });

  it('co-handling: each department gets a task and a clock; the case moves on when all are done', async () => {
    const c = await report('worker', { category: 'safety.fireLane', title: '消防通道被占用' });
    await fire('dispatcher', c.id, 'accept');
    await expect(fire('dispatcher', c.id, 'dispatch', { departments: ['xg-dept-fire', 'nowhere'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await fire('dispatcher', c.id, 'dispatch', { departments: ['xg-dept-fire', 'xg-dept-urban'], lead: 'xg-dept-fire' });
    let tl = await as('dispatcher').case.timeline({ entity: E, id: c.id });
    expect(tl.tasks.map((t: any) => [t.unit_id, Number(t.lead), t.status])).toEqual([
      ['xg-dept-fire', 1, 'open'],
      ['xg-dept-urban', 0, 'open'],
    ]);
    expect(tl.clocks.filter((x) => x.taskId).map((x) => x.unitId).sort()).toEqual(['xg-dept-fire', 'xg-dept-urban']);
    // Each department now sees the case (myDepartment), not before.
    expect((await as('fire').case.queue({ entity: E, kind: 'mine' })).items.map((r) => r.id)).toContain(c.id);
    const [fireTask, urbanTask] = tl.tasks as any[];
    await expect(as('fire').case.completeTask({ entity: E, id: c.id, taskId: urbanTask.id, result: '不是我们的' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const afterFire = await as('fire').case.completeTask({ entity: E, id: c.id, taskId: fireTask.id, result: '已清理通道' });
    expect(afterFire.status).toBe('dispatched');
    await expect(as('fire').case.completeTask({ entity: E, id: c.id, taskId: fireTask.id, result: '再次' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const afterUrban = await as('urban').case.completeTask({ entity: E, id: c.id, taskId: urbanTask.id, result: '已张贴告示' });
    expect(afterUrban.status).toBe('handled');
    tl = await as('dispatcher').case.timeline({ entity: E, id: c.id });
    expect(tl.events.filter((e) => e.type === 'transition').map((e) => e.transition)).toEqual(['accept', 'dispatch', 'complete']);
    expect(tl.clocks.filter((x) => x.taskId).every((x) => x.status === 'met')).toBe(true);
  });

  it('reject needs a reason and ends the case; return sends it back for re-acceptance', async () => {
    const a = await report();
    await expect(fire('dispatcher', a.id, 'reject', {})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const rejected = await fire('dispatcher', a.id, 'reject', { reason: '重复上报，已并入原事件' });
    expect(rejected.status).toBe('rejected');
    const tl = await as('dispatcher').case.timeline({ entity: E, id: a.id });
    expect(tl.clocks.every((c) => c.stoppedAt)).toBe(true);
    expect((await as('dispatcher').case.available({ entity: E, id: a.id })).map((t) => t.key)).toEqual([]);

    const b = await report();
    await fire('worker', b.id, 'accept');
    await fire('dispatcher', b.id, 'dispatch', {});
    expect((await fire('worker', b.id, 'return', { reason: '非本网格事项' })).status).toBe('returned');
    expect((await fire('secretary', b.id, 'accept')).status).toBe('accepted');
  });

  it('with a lead-only completion rule, the lead finishing moves the case on', async () => {
    const c = await report('worker', { category: 'safety.fireLane', title: '消防通道被占用（牵头办结）' });
    await fire('dispatcher', c.id, 'accept');
    // The same workflow, read with completion 'lead' for this dispatch: tasks carry their rule.
    await fire('dispatcher', c.id, 'dispatch', { departments: ['xg-dept-fire', 'xg-dept-urban'], lead: 'xg-dept-urban' });
    await runtime.db.updateTable('case_task').set({ completion: 'lead' }).where('record_id', '=', c.id).execute();
    const tasks = (await as('dispatcher').case.timeline({ entity: E, id: c.id })).tasks as any[];
    const urban = tasks.find((t) => t.unit_id === 'xg-dept-urban');
    expect((await as('urban').case.completeTask({ entity: E, id: c.id, taskId: urban.id, result: '牵头协调完成' })).status).toBe('handled');
  });

  it('提级响应: escalation straight to a named level', async () => {
    const { escalationTarget } = await import('./unit-resolution');
    expect(escalationTarget(runtime.bundle, runtime.org, GRID)?.id).toBe(COMMUNITY);
    expect(escalationTarget(runtime.bundle, runtime.org, GRID, 'subdistrict')?.id).toBe('xg-wcl');
    expect(escalationTarget(runtime.bundle, runtime.org, GRID, 'district')?.id).toBe('xg');
    expect(escalationTarget(runtime.bundle, runtime.org, 'xg')).toBeUndefined();
  });

  it('a dissatisfied rating reopens the case', async () => {
    const c = await report();
    for (const [who, tr, form] of [
      ['worker', 'accept', undefined],
      ['dispatcher', 'dispatch', {}],
      ['worker', 'arrive', arriveForm],
      ['worker', 'handle', { result: '已处理' }],
      ['worker', 'giveFeedback', { feedback: '已处理' }],
      ['dispatcher', 'close', undefined],
    ] as const) {
      await fire(who, c.id, tr, form as Record<string, unknown> | undefined);
    }
    expect(await as('resident').case.rate({ entity: E, id: c.id, rating: 1, comment: '问题没有解决' })).toEqual({ reopened: true });
    const tl = await as('dispatcher').case.timeline({ entity: E, id: c.id });
    expect(tl.record.status).toBe('reopened');
    expect(tl.ratings.map((r: any) => r.rating)).toEqual([1]);
  });
});

describe.each(dialects())('durable timers on %s', (dialect) => {
  it('a deadline that passed while the process was down fires at the next start', async () => {
    const clock = fakeClock('2026-09-07T01:00:00.000Z');
    const first = await createTestRuntime(dialect, { now: clock.now });
    const dataDir = first.runtime.options;
    const c = await first.runtime.entities.create(systemContext('en'), E, {
      orgUnitId: GRID,
      data: { title: '路面渗水', category: 'utilities.water', channel: 'gridReport', reportedAt: clock.now().toISOString() },
    });
    // "Down" for two hours: a new runtime on the same database, later.
    clock.advance(120);
    const { createRuntime } = await import('../runtime');
    const second = await createRuntime({ ...dataDir, sqliteFile: dataDir.sqliteFile }, { now: clock.now }).catch(() => undefined);
    const runtime = dialect === 'postgres' && second ? second : first.runtime;
    expect(await runtime.scheduler.runDue()).toBeGreaterThanOrEqual(1);
    const breached = await runtime.db.selectFrom('case_clock').select(['clock', 'status']).where('record_id', '=', c.id).where('clock', '=', 'respond').executeTakeFirst();
    expect(breached?.status).toBe('breached');
    if (second && second !== runtime) await second.close();
    if (runtime !== first.runtime) await runtime.close();
    await first.close();
  });
});

describe('working-hours clocks', () => {
  it('a clock counted in working time skips the weekend', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gw-wh-')), 'xigong');
    cpSync('configs/xigong', dir, { recursive: true });
    const file = path.join(dir, 'district.json');
    const d = JSON.parse(readFileSync(file, 'utf8'));
    d.slaProfiles[0].clocks[2].time = 'working'; // feedback: 24 working hours
    d.slaProfiles[0].clocks[2].minutes = 60;
    writeFileSync(file, JSON.stringify(d));
    const clock = fakeClock('2026-09-11T09:00:00.000Z'); // Friday 17:00 in Luoyang (08:30–17:30)
    const { runtime, close } = await createTestRuntime('sqlite', { configDir: dir, now: clock.now });
    try {
      const c = await runtime.entities.create(systemContext('en'), E, {
        orgUnitId: GRID,
        data: { title: '路面渗水', category: 'utilities.water', channel: 'gridReport', reportedAt: clock.now().toISOString() },
      });
      const feedback = await runtime.db.selectFrom('case_clock').select(['due_at']).where('record_id', '=', c.id).where('clock', '=', 'feedback').executeTakeFirstOrThrow();
      expect(feedback.due_at).toBe('2026-09-14T01:00:00.000Z'); // Monday 09:00: 30 min on Friday + 30 on Monday
    } finally {
      await close();
    }
  });
});
