import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fake-clock';
import { createContextInner, createRuntimeCaller, systemContext, type Runtime } from '../../core/plugin-sdk';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import bellCheckIn from './index';

const MICRO = 'zz-lf-c01-g01-m01';
const GRID = 'zz-lf-c01-g01';
const COMMUNITY = 'zz-lf-c01';


describe.each(dialects())('bell-check-in on %s (Zhongzhan)', (dialect) => {
  // Sunday 06:00 in Jiaozuo; the 07:00 rounds job first runs on Monday 7 September.
  const clock = fakeClock('2026-09-06T22:00:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let runtime: Runtime;
  const callers: Record<string, any> = {};
  const elders: Record<string, string> = {};
  const roundOf = async (elder: string, day: string) =>
    (await runtime.entities.list(systemContext(), 'bellRound', { filter: { elderId: elders[elder], day } })).items[0];
  const fire = (who: string, id: string, transition: string, form?: Record<string, unknown>) => callers[who].case.fire({ entity: 'bellRound', id, transition, form });

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { district: 'zhongzhan', now: clock.now, plugins: [bellCheckIn] });
    runtime = t.runtime;
    const as = async (name: string, role: string, unitId: string) => {
      const principal = await createPrincipal(runtime, [{ role, unitId }], name);
      callers[name] = createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal }));
    };
    await as('worker', 'gridWorker', GRID);
    await as('otherWorker', 'gridWorker', 'zz-lf-c01-g02');
    await as('secretary', 'communitySecretary', COMMUNITY);
    const add = async (key: string, data: Record<string, unknown>) =>
      (elders[key] = (await callers.worker.entity.create({ entity: 'bellElder', orgUnitId: MICRO, data: { building: '3号楼', window: '二楼东窗', ...data } })).id);
    await add('li', { name: '李大爷', age: 82, cadence: 'daily' });
    await add('wang', { name: '王奶奶', age: 79, cadence: 'weekly' });
    await add('zhao', { name: '赵大爷', age: 90, active: false });
  });
  afterAll(() => t?.close());

  it('creates one round per active elder at 07:00, once', async () => {
    clock.advance(61);
    await runtime.scheduler.runDue();
    await runtime.scheduler.runDue();
    const rounds = await runtime.entities.list(systemContext(), 'bellRound', {});
    expect(rounds.items.map((r) => r.data.elderId).sort()).toEqual([elders.li, elders.wang].sort());
    expect(rounds.items.every((r) => r.status === 'scheduled' && r.data.day === '2026-09-07' && r.orgUnitId === MICRO)).toBe(true);
  });

  it('records an answered ring; another grid’s worker may not', async () => {
    const round = await roundOf('li', '2026-09-07');
    await expect(fire('otherWorker', round.id, 'ringAnswered')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await fire('worker', round.id, 'ringAnswered', { note: '老人在窗口挥手' })).status).toBe('answered');
  });

  it('walks no answer through phone (10 min) and visit (30 min) clocks up to the community secretary', async () => {
    const round = await roundOf('wang', '2026-09-07');
    expect((await fire('worker', round.id, 'ringNoAnswer')).status).toBe('phoning');
    clock.advance(11);
    await runtime.scheduler.runDue(); // phone clock breaches → the plugin's hook job moves the round on
    await runtime.scheduler.runDue();
    expect((await runtime.entities.get(systemContext(), 'bellRound', round.id)).status).toBe('visiting');
    clock.advance(31);
    await runtime.scheduler.runDue();
    await runtime.scheduler.runDue();
    expect((await runtime.entities.get(systemContext(), 'bellRound', round.id)).status).toBe('escalated');
    const notified = await runtime.db.selectFrom('notification').select(['unit_id', 'role']).where('record_id', '=', round.id).where('kind', '=', 'notify').execute();
    expect(notified).toContainEqual({ unit_id: COMMUNITY, role: 'communitySecretary' });
    await expect(fire('worker', round.id, 'secretaryResolve')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await fire('secretary', round.id, 'secretaryResolve', { note: '已联系家属，老人住院' })).status).toBe('resolved');
  });

  it('turns a round nobody rang into an overdue task', async () => {
    clock.advance(24 * 60 - 42); // next day 07:00: weekly elders wait for next Monday
    await runtime.scheduler.runDue();
    const round = await roundOf('li', '2026-09-08');
    expect(await roundOf('wang', '2026-09-08')).toBeUndefined();
    clock.advance(721);
    await runtime.scheduler.runDue();
    const notices = await runtime.db.selectFrom('notice').select(['kind', 'unit_id', 'status']).where('record_id', '=', round.id).execute();
    expect(notices).toEqual([{ kind: 'reminder', unit_id: MICRO, status: 'open' }]);
  });

  it('keeps each elder’s history and a monthly coverage report', async () => {
    const history = await callers.worker.plugins['bell-check-in'].history({ elderId: elders.li });
    expect(history.map((h: any) => [h.day, h.status])).toEqual([['2026-09-08', 'scheduled'], ['2026-09-07', 'answered']]);
    const report = await callers.secretary.plugins['bell-check-in'].coverage({ month: '2026-09' });
    expect(report).toMatchObject({ elders: 2, rounds: 3, contacted: 2, missed: 1, escalated: 1 });
    expect(report.coverage).toBeCloseTo(2 / 3);
    expect(report.perElder).toContainEqual({ elderId: elders.wang, rounds: 1, contacted: 1, missed: 0, escalated: 1 });
    const outside = await callers.otherWorker.plugins['bell-check-in'].coverage({ month: '2026-09' });
    expect(outside.rounds).toBe(0);
    await expect(callers.secretary.plugins['bell-check-in'].coverage({ month: '2026-13' })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/month' })] } });
  });
});
