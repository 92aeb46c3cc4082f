import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { createCaller } from './app-router';
import { createContextInner } from './context';

const E = 'incidentCase';
const GRID = 'zz-lx-c01-g01';
const MINUTE = 60_000;
const trpcError = (promise: Promise<unknown>) => expectError(promise, TRPCError);

/**
 * Zhongzhan's workflow starts three clocks on report — dispatch, clear, complete — and each case
 * keeps those its SLA profile defines: a grid report is timed by `standard` (dispatch 1 min,
 * complete 7 days), a hazardous-chemical alarm by `hazardAlarm` (clear 21 min). A case reported
 * as a general hazard and recognised later as a chemical alarm has to get the 21-minute clock the
 * report would have started, counted from the report.
 */
describe.each(dialects())('recategorise starts the clocks the new profile adds on %s (Zhongzhan)', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let clock = 0;
  const at = (iso: string) => void (clock = Date.parse(iso));
  const iso = (ms: number) => new Date(ms).toISOString();
  const as = {} as Record<'dispatcher' | 'gridWorker', ReturnType<typeof createCaller>>;

  beforeAll(async () => {
    at('2026-08-03T06:00:00Z');
    ({ runtime, close } = await createTestRuntime(dialect, { district: 'zhongzhan', now: () => new Date(clock) }));
    const caller = async (assignments: { role: string; unitId: string }[]) =>
      createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, assignments) }));
    as.dispatcher = await caller([{ role: 'dispatcher', unitId: 'zz-command' }]);
    as.gridWorker = await caller([{ role: 'gridWorker', unitId: GRID }]);
  });
  afterAll(() => close());

  const report = (title: string, category: string) =>
    runtime.entities.create({ lang: 'en', actor: { id: 'test' } }, E, { orgUnitId: GRID, data: { title, category, channel: 'gridReport', reportedAt: new Date(clock).toISOString() } });
  const fire = (id: string, transition: string, form?: Record<string, unknown>) => runtime.workflow.fire(systemContext('en'), E, id, transition, form ? { form } : {});
  const timeline = (id: string) => runtime.workflow.timeline(systemContext('en'), E, id);
  const clocksOf = async (id: string) => Object.fromEntries((await timeline(id)).clocks.filter((c) => !c.taskId).map((c) => [c.clock, c]));
  /** A case's clocks without the time left, which moves with the test's clock. */
  const deadlinesOf = async (id: string) =>
    (await timeline(id)).clocks.map(({ clock: key, id: clockId, taskId, status, startedAt, dueAt, stoppedAt, breachedAt }) => ({ key, clockId, taskId, status, startedAt, dueAt, stoppedAt, breachedAt }));
  const eventsOf = async (id: string, type: string) => (await timeline(id)).events.filter((e) => e.type === type);
  const auditOf = (id: string) => runtime.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).where('action', '=', 'recategorise').execute();
  const pendingJobs = (key: string) => runtime.db.selectFrom('job').select(['kind', 'due_at', 'payload']).where('key', '=', key).where('status', '=', 'pending').execute();
  const noticesOf = (clockId: string) => runtime.db.selectFrom('notice').select(['kind', 'status']).where('clock_id', '=', clockId).execute();
  const recategorise = async (id: string, category: string) => {
    const current = await as.dispatcher.entity.get({ entity: E, id });
    return as.dispatcher.case.recategorise({ entity: E, id, category, version: current.version });
  };

  it('a hazard recognised as a chemical alarm gets the 21-minute clear clock from its report, and the sweep breaches it', async () => {
    at('2026-08-03T06:00:00Z');
    const t0 = clock;
    const created = await report('厂区附近有刺鼻气味', 'safety');
    let clocks = await clocksOf(created.id);
    expect(Object.keys(clocks).sort()).toEqual(['complete', 'dispatch']);
    const standard = { dispatch: clocks.dispatch, complete: clocks.complete };
    clock += 5 * MINUTE;
    await fire(created.id, 'accept');

    clock = t0 + 30 * MINUTE;
    await recategorise(created.id, 'safety.chemical');
    clocks = await clocksOf(created.id);
    // 21 minutes from the report, not from the correction: already past, so still running until the sweep.
    expect(clocks.clear).toMatchObject({ status: 'running', startedAt: iso(t0), dueAt: iso(t0 + 21 * MINUTE), unitId: GRID, overdue: true, breachedAt: null, stoppedAt: null });
    // `hazardAlarm` has no dispatch or complete clock: those keep the deadlines announced with the report.
    expect(clocks.dispatch).toMatchObject({ id: standard.dispatch.id, dueAt: standard.dispatch.dueAt });
    expect(clocks.complete).toMatchObject({ id: standard.complete.id, dueAt: standard.complete.dueAt });

    const started = [{ clock: 'clear', clockId: clocks.clear.id, taskId: null, unitId: GRID, startedAt: iso(t0), dueAt: iso(t0 + 21 * MINUTE) }];
    const [event] = await eventsOf(created.id, 'recategorised');
    expect(event.data).toEqual({ from: 'safety', to: 'safety.chemical', departments: ['zz-dept-emergency'], started });
    const [entry] = await auditOf(created.id);
    expect(JSON.parse(entry.diff)).toMatchObject({ changed: { category: { before: 'safety', after: 'safety.chemical' } }, started });
    expect(JSON.parse(entry.diff)).not.toHaveProperty('clocks');
    expect(await pendingJobs(`clock:${E}:${created.id}:clear`)).toEqual([{ kind: 'clock.due', due_at: iso(t0 + 21 * MINUTE), payload: JSON.stringify({ clockId: clocks.clear.id }) }]);

    await runtime.scheduler.runDue();
    clocks = await clocksOf(created.id);
    expect(clocks.clear).toMatchObject({ status: 'breached', breachedAt: iso(clock), dueAt: iso(t0 + 21 * MINUTE) });
    expect((await eventsOf(created.id, 'clock.breach')).map((e) => e.data.clock).sort()).toEqual(['clear', 'dispatch']);
    expect(await noticesOf(clocks.clear.id)).toEqual([{ kind: 'reminder', status: 'open' }]);

    // Recategorising back and forth starts nothing twice: the case has its clear clock now.
    await recategorise(created.id, 'safety');
    await recategorise(created.id, 'safety.chemical');
    expect((await timeline(created.id)).clocks.filter((c) => c.clock === 'clear')).toHaveLength(1);
    expect((await eventsOf(created.id, 'recategorised')).slice(1).map((e) => e.data.started)).toEqual([undefined, undefined]);
  });

  it('recognised within the 21 minutes, the clock runs to the report’s deadline and is breached only after it', async () => {
    at('2026-08-04T06:00:00Z');
    const t0 = clock;
    const created = await report('储罐区有异常声响', 'safety');
    clock = t0 + 10 * MINUTE;
    await recategorise(created.id, 'safety.chemical');
    expect((await clocksOf(created.id)).clear).toMatchObject({ status: 'running', startedAt: iso(t0), dueAt: iso(t0 + 21 * MINUTE), overdue: false, remainingMinutes: 11 });
    clock = t0 + 20 * MINUTE;
    await runtime.scheduler.runDue();
    expect((await clocksOf(created.id)).clear.status).toBe('running');
    clock = t0 + 22 * MINUTE;
    await runtime.scheduler.runDue();
    expect((await clocksOf(created.id)).clear).toMatchObject({ status: 'breached', breachedAt: iso(clock) });
  });

  it('a clock the workflow stopped on the way (closing stops every clock) is not started after a reopen', async () => {
    at('2026-08-05T06:00:00Z');
    const created = await report('仓库门口堆放不明桶装物', 'safety');
    await fire(created.id, 'accept');
    await fire(created.id, 'dispatch', { departments: ['zz-dept-emergency'], lead: 'zz-dept-emergency' });
    await fire(created.id, 'complete');
    await fire(created.id, 'giveFeedback', { feedback: '已清运' });
    await fire(created.id, 'close');
    clock += 60 * MINUTE;
    await fire(created.id, 'reopen', { reason: '居民反映仍有气味' });
    const before = await deadlinesOf(created.id);

    clock += 10 * MINUTE;
    await recategorise(created.id, 'safety.chemical');
    expect(await deadlinesOf(created.id)).toEqual(before);
    expect(before.some((c) => c.key === 'clear')).toBe(false);
    expect((await eventsOf(created.id, 'recategorised'))[0].data).not.toHaveProperty('started');
    expect(JSON.parse((await auditOf(created.id))[0].diff)).not.toHaveProperty('started');
    expect(await pendingJobs(`clock:${E}:${created.id}:clear`)).toEqual([]);
  });

  it('a clock stopped and started again on the way counts from its last start', async () => {
    at('2026-08-06T06:00:00Z');
    const created = await report('化工厂围墙外有液体渗出', 'safety');
    clock += 30 * MINUTE;
    await fire(created.id, 'merge'); // merged: every clock stops
    clock += 30 * MINUTE;
    const reported = clock;
    await fire(created.id, 'unmerge'); // reported again: its clocks start again
    clock += 5 * MINUTE;
    await recategorise(created.id, 'safety.chemical');
    expect((await clocksOf(created.id)).clear).toMatchObject({ status: 'running', startedAt: iso(reported), dueAt: iso(reported + 21 * MINUTE) });
  });

  it('moving between categories of one profile starts nothing; out of the alarm profile, the standard clocks not yet stopped start', async () => {
    at('2026-08-07T06:00:00Z');
    const street = await report('路灯不亮', 'urban');
    const before = await deadlinesOf(street.id);
    clock += 10 * MINUTE;
    await recategorise(street.id, 'environment');
    expect(await deadlinesOf(street.id)).toEqual(before);
    expect((await eventsOf(street.id, 'recategorised'))[0].data).toEqual({ from: 'urban', to: 'environment', departments: ['zz-dept-environment'] });

    // An alarm the dispatcher has dispatched turns out to be a general hazard: dispatching
    // stopped the dispatch clock, so only the 7-day complete clock starts, from the report.
    at('2026-08-07T07:00:00Z');
    const t0 = clock;
    const alarm = await report('疑似氯气泄漏报警', 'safety.chemical');
    expect(Object.keys(await clocksOf(alarm.id))).toEqual(['clear']);
    await fire(alarm.id, 'accept');
    await fire(alarm.id, 'dispatch', { departments: ['zz-dept-emergency'], lead: 'zz-dept-emergency' });
    clock += 15 * MINUTE;
    await recategorise(alarm.id, 'safety');
    const clocks = await clocksOf(alarm.id);
    expect(Object.keys(clocks).sort()).toEqual(['clear', 'complete']);
    expect(clocks.complete).toMatchObject({ status: 'running', startedAt: iso(t0), dueAt: iso(t0 + 10080 * MINUTE) });
    expect((await eventsOf(alarm.id, 'recategorised'))[0].data.started.map((c: { clock: string }) => c.clock)).toEqual(['complete']);
  });

  it('refused re-categorisations start no clock and schedule no timer', async () => {
    at('2026-08-10T06:00:00Z');
    const created = await report('加油站附近有异味', 'safety');
    const snapshot = async () => ({ clocks: await deadlinesOf(created.id), jobs: await pendingJobs(`clock:${E}:${created.id}:clear`), events: (await timeline(created.id)).events.length });
    const before = await snapshot();
    clock += 5 * MINUTE;

    expect((await trpcError(as.gridWorker.case.recategorise({ entity: E, id: created.id, category: 'safety.chemical' }))).code).toBe('FORBIDDEN');
    expect((await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'safety.chemical', version: created.version + 1 }))).code).toBe('CONFLICT');
    expect((await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'safety.nuclear' }))).code).toBe('BAD_REQUEST');
    expect(await snapshot()).toEqual(before);
    expect(before.jobs).toEqual([]);
    expect(await auditOf(created.id)).toHaveLength(0);

    // A closed case keeps the clocks it closed with.
    await fire(created.id, 'reject', { reason: '不属于受理范围' });
    const closed = await snapshot();
    expect((await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'safety.chemical' }))).code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(closed);
    expect(closed.clocks.some((c) => c.key === 'clear')).toBe(false);
  });
});
