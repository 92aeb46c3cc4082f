import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fake-clock';
import { createContextInner, createRuntimeCaller, handlePluginRequest, systemContext, type Runtime } from '../../core/plugin-sdk';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import silverCare from './index';

const GRID = 'hj-gx-c01-g01';
const COMMUNITY = 'hj-gx-c01';


describe.each(dialects())('silver-care on %s (Huiji)', (dialect) => {
  // 07:50 in Zhengzhou: the 08:00 medication falls due a few minutes in.
  const clock = fakeClock('2026-09-06T23:50:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let runtime: Runtime;
  let caller: any;
  let elderId: string;
  let deviceKey: string;
  let alarmCaseId: string;

  const send = (body: Record<string, unknown>, key = deviceKey) =>
    handlePluginRequest(runtime, 'silver-care', ['telemetry'], new Request('http://x/api/plugins/silver-care/telemetry', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-gridwork-lang': 'en' },
      body: JSON.stringify(body),
    }));
  const event = (eventId: string, type: string, extra: Record<string, unknown> = {}) => ({ eventId, deviceId: 'WB-0001', type, at: clock.now().toISOString(), ...extra });
  const cases = () => runtime.entities.count(systemContext(), 'incidentCase');

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { district: 'huiji', now: clock.now, plugins: [silverCare] });
    runtime = t.runtime;
    const secretary = await createPrincipal(runtime, [{ role: 'communitySecretary', unitId: COMMUNITY }], 'scsecretary');
    caller = createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal: secretary }));
    const elder = await caller.entity.create({
      entity: 'elder',
      orgUnitId: GRID,
      data: { name: '张桂兰', phone: '13800138001', address: '古荥镇1号', medications: [{ name: '降压药', times: ['08:00'] }, { name: '钙片', times: ['08:00'] }] },
    });
    elderId = elder.id;
    ({ deviceKey } = await caller.plugins['silver-care'].registerWristband({ deviceId: 'WB-0001', elderId }));
  });
  afterAll(() => t?.close());

  it('opens an urgent case for the elder’s grid on a fall alarm, once per event id', async () => {
    const before = await cases();
    const res = await send(event('evt-fall-0001', 'fall'));
    expect(res.status).toBe(200);
    const first = await res.json();
    expect(first).toMatchObject({ type: 'fall', replayed: false });
    alarmCaseId = first.caseId;
    const c = await runtime.entities.get(systemContext(), 'incidentCase', alarmCaseId);
    expect(c).toMatchObject({ orgUnitId: GRID, status: 'reported', data: { category: 'services.silverCare.alarm', channel: 'wristbandAlarm', urgency: 'critical' } });
    const { clocks } = await runtime.workflow.timeline(systemContext(), 'incidentCase', alarmCaseId);
    expect(clocks.find((k: any) => k.clock === 'respond')).toMatchObject({ unitId: GRID, remainingMinutes: 15 });

    const replay = await (await send(event('evt-fall-0001', 'fall'))).json();
    expect(replay).toEqual({ ...first, replayed: true });
    expect(await cases()).toBe(before + 1);
  });

  it('refuses unknown devices, wrong keys and out-of-range readings, changing nothing', async () => {
    const wrongKey = await send(event('evt-x-0001', 'sos'), 'not-the-key');
    expect(wrongKey.status).toBe(401);
    const unknown = await send({ ...event('evt-x-0002', 'sos'), deviceId: 'WB-9999' });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error.message).toContain('WB-9999');
    const high = await send(event('evt-x-0003', 'heartRate', { value: 300 }));
    expect(high.status).toBe(400);
    expect((await high.json()).error.issues).toEqual([expect.objectContaining({ path: '/value', code: 'maximum' })]);
    const noValue = await send(event('evt-x-0004', 'battery'));
    expect((await noValue.json()).error.issues).toEqual([expect.objectContaining({ path: '/value', code: 'required' })]);
    const future = await send({ ...event('evt-x-0005', 'battery', { value: 50 }), at: '2030-01-01T00:00:00Z' });
    expect((await future.json()).error.issues[0].path).toBe('/at');
    expect(await runtime.db.selectFrom('sc_telemetry').select('event_id').where('event_id', 'like', 'evt-x-%').execute()).toEqual([]);
  });

  it('escalates the alarm when nobody responds within 15 minutes, then reminds of medication', async () => {
    clock.advance(16);
    await runtime.scheduler.runDue();
    const { events } = await runtime.workflow.timeline(systemContext(), 'incidentCase', alarmCaseId);
    expect(events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['clock.breach', 'escalate']));
    expect(await runtime.db.selectFrom('sc_dose').select(['medication', 'status', 'due_at']).orderBy('medication').execute()).toEqual([
      { medication: '钙片', status: 'pending', due_at: '2026-09-07T00:00:00.000Z' },
      { medication: '降压药', status: 'pending', due_at: '2026-09-07T00:00:00.000Z' },
    ]);
    const reminders = await runtime.db.selectFrom('notification').select('unit_id').where('kind', '=', 'silverCare.medicationReminder').execute();
    expect(reminders).toEqual([{ unit_id: GRID }, { unit_id: GRID }]);
  });

  it('marks a dose taken from the wristband and alerts a missed one', async () => {
    expect(await (await send(event('evt-med-0001', 'medicationTaken', { medication: '钙片' }))).json()).toMatchObject({ doseDueAt: '2026-09-07T00:00:00.000Z' });
    clock.advance(70);
    await runtime.scheduler.runDue();
    const doses = await runtime.db.selectFrom('sc_dose').select(['medication', 'status']).orderBy('medication').execute();
    expect(doses).toEqual([{ medication: '钙片', status: 'taken' }, { medication: '降压药', status: 'missed' }]);
    const missed = await runtime.db.selectFrom('sc_alert').select(['kind', 'case_id']).where('kind', '=', 'missedDose').execute();
    expect(missed).toEqual([{ kind: 'missedDose', case_id: null }]);
  });

  it('records response times on accept and reports them on the dashboard card', async () => {
    await runtime.workflow.fire(systemContext('en'), 'incidentCase', alarmCaseId, 'accept');
    const card = await caller.plugins['silver-care'].dashboard();
    expect(card.eldersCovered).toBe(1);
    expect(card.openAlerts).toMatchObject({ fall: 1, missedDose: 1 });
    expect(card.responseMinutes).toMatchObject({ count: 1, median: 86 });
  });

  it('opens one visit task for a day of water use far below the elder’s own baseline', async () => {
    const rows: string[] = ['elderId,day,meter,value'];
    for (let d = 1; d <= 30; d++) rows.push(`${elderId},2026-08-${String(d).padStart(2, '0')},water,${(0.3 + ((d * 7) % 5) * 0.01).toFixed(2)}`);
    const base = await caller.plugins['silver-care'].importReadings({ csv: rows.join('\n') });
    expect(base.anomalies).toEqual([]);
    const drop = await caller.plugins['silver-care'].importReadings({ rows: [{ elderId, day: '2026-08-31', meter: 'water', value: 0.02 }, { elderId, day: '2026-08-31', meter: 'electricity', value: 3 }] });
    expect(drop.anomalies).toEqual([expect.objectContaining({ day: '2026-08-31', meter: 'water' })]);
    expect(drop.tasks).toHaveLength(1);
    const task = await runtime.entities.get(systemContext(), 'incidentCase', drop.tasks[0]);
    expect(task.data).toMatchObject({ category: 'services.silverCare', channel: 'utilityAnomaly', title: expect.stringContaining('Water/electricity anomaly') });
    const again = await caller.plugins['silver-care'].importReadings({ rows: [{ elderId, day: '2026-08-31', meter: 'water', value: 0.02 }] });
    expect(again.tasks).toEqual([]);
    await expect(caller.plugins['silver-care'].importReadings({ csv: `${elderId},2026-09-01,water,-1` })).rejects.toMatchObject({
      cause: { issues: [expect.objectContaining({ path: '/0/value' })] },
    });
  });

  it('raises one check task for a device silent longer than the setting', async () => {
    const before = await cases();
    clock.advance(12 * 60);
    await runtime.scheduler.runDue();
    clock.advance(120);
    await runtime.scheduler.runDue();
    const silent = await runtime.db.selectFrom('sc_alert').select(['kind', 'case_id']).where('kind', '=', 'deviceSilent').execute();
    expect(silent).toHaveLength(1);
    expect(await cases()).toBe(before + 1);
  });
});
