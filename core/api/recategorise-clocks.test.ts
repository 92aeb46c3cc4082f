import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { districtWithPlugins } from '../../test/plugin-config';
import { createCaller } from './app-router';
import { createContextInner } from './context';

const E = 'incidentCase';
const GRID = 'hj-gx-c01-g01';
const trpcError = (promise: Promise<unknown>) => expectError(promise, TRPCError);
const MINUTE = 60_000;

/**
 * Huiji's categories carry different SLA profiles: a fire-lane blockage is co-handled over three
 * days (`coHandling`: respond 15 min, resolve 4320 min), a wristband alarm must be resolved within
 * two hours (`silverCareUrgent`: respond 15, resolve 120), neighbour and debt disputes take the
 * district default (`standard`: respond 15). Here the co-handling resolve clock counts WORKING time
 * (08:30–17:30, Monday–Friday, Asia/Shanghai), so re-timing has to follow the work calendar.
 */
function huijiWithWorkingResolve(): string {
  const dir = districtWithPlugins('huiji', {});
  const file = path.join(dir, 'district.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  const resolve = config.slaProfiles.find((p: { key: string }) => p.key === 'coHandling').clocks.find((c: { key: string }) => c.key === 'resolve');
  resolve.time = 'working';
  writeFileSync(file, JSON.stringify(config, null, 2));
  return dir;
}

/** Re-categorising re-times the case's open SLA clocks under the new category's profile. */
describe.each(dialects())('recategorise re-times SLA clocks on %s (Huiji)', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let clock = 0;
  const at = (iso: string) => void (clock = Date.parse(iso));
  const as = {} as Record<'dispatcher' | 'gridWorker', ReturnType<typeof createCaller>>;

  beforeAll(async () => {
    at('2026-09-07T01:00:00Z');
    ({ runtime, close } = await createTestRuntime(dialect, { district: 'huiji', configDir: huijiWithWorkingResolve(), now: () => new Date(clock) }));
    const caller = async (assignments: { role: string; unitId: string }[]) =>
      createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, assignments) }));
    as.dispatcher = await caller([{ role: 'dispatcher', unitId: 'hj-command' }]);
    as.gridWorker = await caller([{ role: 'gridWorker', unitId: GRID }]);
  });
  afterAll(() => close());

  const report = (title: string, category: string) =>
    runtime.entities.create({ lang: 'en', actor: { id: 'test' } }, E, { orgUnitId: GRID, data: { title, category, channel: 'gridReport', reportedAt: new Date(clock).toISOString() } });
  const timelineClocks = async (id: string) => (await runtime.workflow.timeline(systemContext('en'), E, id)).clocks;
  const clocksOf = async (id: string) => Object.fromEntries((await timelineClocks(id)).map((c) => [c.clock, c]));
  /** A case's clocks without the time left, which moves with the test's clock. */
  const deadlinesOf = async (id: string) =>
    Object.fromEntries((await timelineClocks(id)).map(({ clock: key, id: clockId, status, startedAt, dueAt, stoppedAt, breachedAt, unitId }) => [key, { clockId, status, startedAt, dueAt, stoppedAt, breachedAt, unitId }]));
  const eventsOf = async (id: string, type: string) => (await runtime.workflow.timeline(systemContext('en'), E, id)).events.filter((e) => e.type === type);
  const noticesOf = (clockId: string) => runtime.db.selectFrom('notice').select(['kind', 'status', 'closed_reason']).where('clock_id', '=', clockId).orderBy('id').execute();
  const pendingJobs = (key: string) => runtime.db.selectFrom('job').select(['kind', 'due_at', 'payload']).where('key', '=', key).where('status', '=', 'pending').execute();
  const auditOf = (id: string) => runtime.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).where('action', '=', 'recategorise').execute();
  const iso = (ms: number) => new Date(ms).toISOString();

  it('slow → fast: the resolve clock gets the earlier deadline from its own start, the sweep breaches it; the met clock stays', async () => {
    // Monday 09:00 in Zhengzhou. 4320 working minutes of 540 a day: 510 today, all of the next
    // seven working days (weekend skipped), and the last 30 minutes on Thursday 17 September from 08:30.
    at('2026-09-07T01:00:00Z');
    const t0 = clock;
    const created = await report('消防通道被私家车堵塞', 'safety.fireLane');
    let clocks = await clocksOf(created.id);
    expect(clocks.resolve).toMatchObject({ status: 'running', dueAt: '2026-09-17T01:00:00.000Z' });
    clock += 5 * MINUTE;
    await runtime.workflow.fire(systemContext('en'), E, created.id, 'accept');
    const met = (await clocksOf(created.id)).respond;
    expect(met).toMatchObject({ status: 'met', dueAt: iso(t0 + 15 * MINUTE) });

    clock = t0 + 180 * MINUTE;
    const current = await as.dispatcher.entity.get({ entity: E, id: created.id });
    const result = await as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'services.silverCare.alarm', version: current.version });
    expect(result.category).toBe('services.silverCare.alarm');

    // Two hours from the report, not from the re-categorisation: already past.
    clocks = await clocksOf(created.id);
    expect(clocks.resolve).toMatchObject({ status: 'running', dueAt: iso(t0 + 120 * MINUTE), startedAt: iso(t0), overdue: true });
    expect(clocks.respond).toEqual(met);
    const retimed = [{ clock: 'resolve', clockId: clocks.resolve.id, taskId: null, before: { dueAt: '2026-09-17T01:00:00.000Z', status: 'running' }, after: { dueAt: iso(t0 + 120 * MINUTE), status: 'running' } }];
    const [event] = await eventsOf(created.id, 'recategorised');
    expect(event.data).toEqual({ from: 'safety.fireLane', to: 'services.silverCare.alarm', departments: expect.any(Array), clocks: retimed });
    const [entry] = await auditOf(created.id);
    expect(JSON.parse(entry.diff)).toMatchObject({ changed: { category: { before: 'safety.fireLane', after: 'services.silverCare.alarm' } }, clocks: retimed });
    // One deadline job, moved to the new deadline.
    expect(await pendingJobs(`clock:${E}:${created.id}:resolve`)).toEqual([{ kind: 'clock.due', due_at: iso(t0 + 120 * MINUTE), payload: JSON.stringify({ clockId: clocks.resolve.id }) }]);

    await runtime.scheduler.runDue();
    clocks = await clocksOf(created.id);
    expect(clocks.resolve).toMatchObject({ status: 'breached', dueAt: iso(t0 + 120 * MINUTE) });
    expect(clocks.respond).toEqual(met);
    expect((await eventsOf(created.id, 'clock.breach')).map((e) => e.data)).toEqual([{ clock: 'resolve', clockId: clocks.resolve.id, dueAt: iso(t0 + 120 * MINUTE) }]);
    expect(await noticesOf(clocks.resolve.id)).toEqual([{ kind: 'reminder', status: 'open', closed_reason: null }]);
  });

  it('fast → slow after a breach: the clock runs again under the new deadline, the breach stays on record, and breaches again when that passes', async () => {
    at('2026-09-21T01:00:00Z'); // Monday 09:00
    const t0 = clock;
    const created = await report('独居老人手环报警', 'services.silverCare.alarm');
    clock = t0 + 130 * MINUTE;
    await runtime.scheduler.runDue();
    let clocks = await clocksOf(created.id);
    expect(clocks.respond).toMatchObject({ status: 'breached', dueAt: iso(t0 + 15 * MINUTE) });
    expect(clocks.resolve).toMatchObject({ status: 'breached', dueAt: iso(t0 + 120 * MINUTE), breachedAt: iso(clock) });
    const resolveId = clocks.resolve.id;
    const respondBefore = clocks.respond;
    expect(await pendingJobs(`supervise:${resolveId}`)).toHaveLength(1);

    const current = await as.dispatcher.entity.get({ entity: E, id: created.id });
    await as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'safety.fireLane', version: current.version });

    // 4320 working minutes from the report, Monday 09:00 (see above), not from now: Thursday
    // 1 October 09:00 (Huiji's calendar lists no holidays).
    const newDue = '2026-10-01T01:00:00.000Z';
    clocks = await clocksOf(created.id);
    expect(clocks.resolve).toMatchObject({ id: resolveId, status: 'running', dueAt: newDue, breachedAt: null, overdue: false });
    // Respond is 15 minutes in both profiles: still breached, untouched.
    expect(clocks.respond).toEqual(respondBefore);
    const [event] = await eventsOf(created.id, 'recategorised');
    expect(event.data.clocks).toEqual([{ clock: 'resolve', clockId: resolveId, taskId: null, before: { dueAt: iso(t0 + 120 * MINUTE), status: 'breached' }, after: { dueAt: newDue, status: 'running' } }]);
    // The breach is history: its event and its (now closed) reminder remain; no supervision follows.
    expect((await eventsOf(created.id, 'clock.breach')).map((e) => e.data.clock).sort()).toEqual(['resolve', 'respond']);
    expect(await noticesOf(resolveId)).toEqual([{ kind: 'reminder', status: 'closed', closed_reason: 'clockRetimed' }]);
    expect(await noticesOf(respondBefore.id)).toEqual([{ kind: 'reminder', status: 'open', closed_reason: null }]);
    expect(await pendingJobs(`supervise:${resolveId}`)).toEqual([]);
    expect(await pendingJobs(`supervise:${respondBefore.id}`)).toHaveLength(1);
    expect((await pendingJobs(`clock:${E}:${created.id}:resolve`)).map((j) => j.due_at)).toEqual([newDue]);

    // Nothing more happens before the new deadline…
    clock = Date.parse(newDue) - MINUTE;
    await runtime.scheduler.runDue();
    expect((await clocksOf(created.id)).resolve.status).toBe('running');
    // …and the sweep breaches it again once it passes.
    clock = Date.parse(newDue) + MINUTE;
    await runtime.scheduler.runDue();
    expect((await clocksOf(created.id)).resolve).toMatchObject({ status: 'breached', breachedAt: iso(clock) });
    expect((await eventsOf(created.id, 'clock.breach')).filter((e) => e.data.clock === 'resolve').map((e) => e.data.dueAt)).toEqual([iso(t0 + 120 * MINUTE), newDue]);
  });

  it('co-handling tasks: each department’s own clock is re-timed from its own start, with its own timer', async () => {
    at('2026-09-28T01:00:00Z'); // Monday 09:00
    const created = await report('消防通道长期被占用，需消防、城管、物业协同', 'safety.fireLane');
    await runtime.workflow.fire(systemContext('en'), E, created.id, 'accept');
    clock += 60 * MINUTE;
    const dispatchedAt = clock;
    await runtime.workflow.fire(systemContext('en'), E, created.id, 'dispatch', { form: { departments: ['hj-dept-fire', 'hj-dept-urban'], lead: 'hj-dept-fire' } });
    const taskClocks = async () => (await timelineClocks(created.id)).filter((c) => c.taskId && c.clock === 'resolve');
    const before = await taskClocks();
    expect(before).toHaveLength(2);
    expect(before.every((c) => c.startedAt === iso(dispatchedAt) && c.status === 'running')).toBe(true);

    clock += 30 * MINUTE;
    await as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'services.silverCare.alarm' });
    const after = await taskClocks();
    expect(after.map((c) => [c.id, c.dueAt])).toEqual(before.map((c) => [c.id, iso(dispatchedAt + 120 * MINUTE)]));
    for (const c of after) expect((await pendingJobs(`clock:${E}:${created.id}:resolve:${c.taskId}`)).map((j) => j.due_at)).toEqual([iso(dispatchedAt + 120 * MINUTE)]);
    const [event] = await eventsOf(created.id, 'recategorised');
    expect(event.data.clocks.map((c: { taskId: string | null }) => c.taskId).sort()).toEqual([null, ...before.map((c) => c.taskId)].sort());
  });

  it('the same profile, or a profile without the clock, leaves every deadline as it was', async () => {
    at('2026-10-05T01:00:00Z');
    const dispute = await report('邻里噪音纠纷', 'disputes.neighbour');
    const before = await deadlinesOf(dispute.id);
    clock += 10 * MINUTE;
    await as.dispatcher.case.recategorise({ entity: E, id: dispute.id, category: 'disputes.debt' });
    expect(await deadlinesOf(dispute.id)).toEqual(before);
    expect((await eventsOf(dispute.id, 'recategorised'))[0].data).not.toHaveProperty('clocks');
    expect(JSON.parse((await auditOf(dispute.id))[0].diff)).not.toHaveProperty('clocks');

    // A fire lane moved to a neighbour dispute: `standard` has no resolve clock, so the co-handling
    // deadline already announced to the unit stays; respond is 15 minutes in both.
    const lane = await report('消防通道堆放杂物', 'safety.fireLane');
    const laneBefore = await deadlinesOf(lane.id);
    await as.dispatcher.case.recategorise({ entity: E, id: lane.id, category: 'disputes.neighbour' });
    expect(await deadlinesOf(lane.id)).toEqual(laneBefore);
    expect(laneBefore.resolve.status).toBe('running');
    expect((await eventsOf(lane.id, 'recategorised'))[0].data).not.toHaveProperty('clocks');
  });

  it('a dispute turned wristband alarm gets the two-hour resolve clock from its report, unless the workflow already stopped it', async () => {
    // `standard` has no resolve clock, so the report's startClock resolve was skipped.
    at('2026-10-19T01:00:00Z');
    const t0 = clock;
    const open = await report('邻居家老人多日未露面', 'disputes.neighbour');
    expect(Object.keys(await clocksOf(open.id))).toEqual(['respond']);
    clock += 10 * MINUTE;
    await runtime.workflow.fire(systemContext('en'), E, open.id, 'accept');
    clock += 20 * MINUTE;
    await as.dispatcher.case.recategorise({ entity: E, id: open.id, category: 'services.silverCare.alarm' });
    const clocks = await clocksOf(open.id);
    expect(clocks.resolve).toMatchObject({ status: 'running', startedAt: iso(t0), dueAt: iso(t0 + 120 * MINUTE), unitId: GRID });
    const [event] = await eventsOf(open.id, 'recategorised');
    expect(event.data.started).toEqual([{ clock: 'resolve', clockId: clocks.resolve.id, taskId: null, unitId: GRID, startedAt: iso(t0), dueAt: iso(t0 + 120 * MINUTE) }]);
    expect(event.data).not.toHaveProperty('clocks');

    // Feedback stopped resolve (giveFeedback's stopClock): the case is past that deadline's work.
    const done = await report('楼道噪音纠纷已调解', 'disputes.neighbour');
    for (const step of ['accept', 'startMediation', 'settle']) await runtime.workflow.fire(systemContext('en'), E, done.id, step);
    await runtime.workflow.fire(systemContext('en'), E, done.id, 'giveFeedback', { form: { feedback: '已回访' } });
    const before = await deadlinesOf(done.id);
    await as.dispatcher.case.recategorise({ entity: E, id: done.id, category: 'services.silverCare.alarm' });
    expect(await deadlinesOf(done.id)).toEqual(before);
    expect((await eventsOf(done.id, 'recategorised'))[0].data).not.toHaveProperty('started');
  });

  it('refused re-categorisations change no clock and no timer', async () => {
    at('2026-10-12T01:00:00Z');
    const created = await report('消防通道被占用', 'safety.fireLane');
    const snapshot = async () => ({ clocks: await deadlinesOf(created.id), jobs: await pendingJobs(`clock:${E}:${created.id}:resolve`) });
    const before = await snapshot();
    clock += 30 * MINUTE;

    expect((await trpcError(as.gridWorker.case.recategorise({ entity: E, id: created.id, category: 'services.silverCare.alarm' }))).code).toBe('FORBIDDEN');
    expect((await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'services.silverCare.alarm', version: created.version + 1 }))).code).toBe('CONFLICT');
    expect((await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'no.such.category' }))).code).toBe('BAD_REQUEST');
    expect(await snapshot()).toEqual(before);
    expect(before.jobs).toHaveLength(1);
    expect(await auditOf(created.id)).toHaveLength(0);

    // A closed (rejected) case keeps the clocks it stopped with.
    await runtime.workflow.fire(systemContext('en'), E, created.id, 'reject', { form: { reason: '不属于受理范围' } });
    const stopped = await deadlinesOf(created.id);
    expect(stopped.resolve.status).toBe('met');
    expect((await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'services.silverCare.alarm' }))).code).toBe('CONFLICT');
    expect(await deadlinesOf(created.id)).toEqual(stopped);
    expect(await auditOf(created.id)).toHaveLength(0);
  });
});
