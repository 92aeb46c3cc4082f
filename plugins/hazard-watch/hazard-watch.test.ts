import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fake-clock';
import { createContextInner, createRuntimeCaller, handlePluginRequest, systemContext, type Runtime } from '../../core/plugin-sdk';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import hazardWatch from './index';

const SOURCE = 'hw-e01-s01';

describe.each(dialects())('hazard-watch on %s (Zhongzhan)', (dialect) => {
  // 14:10 in Jiaozuo, the seed case's alarm time.
  const clock = fakeClock('2026-08-03T06:10:00.000Z');
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let runtime: Runtime;
  let admin: any;
  let dispatcher: any;
  let resident: any;
  let key: string;

  const post = (path: string[], body: unknown, auth = key) =>
    handlePluginRequest(runtime, 'hazard-watch', path, new Request(`http://x/api/plugins/hazard-watch/${path.join('/')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}`, 'x-gridwork-lang': 'en' },
      body: JSON.stringify(body),
    }));
  const alarm = (alarmId: string, extra: Record<string, unknown> = {}) => ({ alarmId, sourceId: SOURCE, type: 'toxicGas', severity: 'major', at: clock.now().toISOString(), value: 12.5, unit: 'ppm', system: '河南省危险化学品安全生产风险监测预警系统', ...extra });
  const colour = async (id = SOURCE) => (await dispatcher.plugins['hazard-watch'].sources({})).find((s: any) => s.id === id).colour;
  const cases = () => runtime.entities.count(systemContext(), 'incidentCase');

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { district: 'zhongzhan', now: clock.now, plugins: [hazardWatch] });
    runtime = t.runtime;
    const as = async (role: string, unitId: string, name: string) => createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role, unitId }], name) }));
    admin = await as('districtAdmin', 'zz', 'hwadmin');
    dispatcher = await as('dispatcher', 'zz-command', 'hwdispatcher');
    resident = await as('resident', 'zz-lf-c01', 'hwresident');
    // Demo data through the SDK's seed extension point (what `gridwork seed` runs).
    expect(await runtime.plugins.seed()).toEqual(['hazard-watch']);
    ({ key } = await admin.plugins['hazard-watch'].issueMonitoringKey({ label: 'province' }));
  });
  afterAll(() => t?.close());

  it('loads 8 enterprises with 42 sources, all blue, once', async () => {
    expect(await admin.plugins['hazard-watch'].loadDemo()).toEqual({ enterprises: 8, sourcesAdded: 0 });
    const enterprises = await dispatcher.plugins['hazard-watch'].enterprises();
    expect(enterprises).toHaveLength(8);
    expect(enterprises.reduce((n: number, e: any) => n + e.sources, 0)).toBe(42);
    const card = await dispatcher.plugins['hazard-watch'].dashboard();
    expect(card).toMatchObject({ enterprises: 8, sources: 42, colours: { blue: 42, red: 0 }, openAlarms: 0 });
    const layer = await dispatcher.plugins['hazard-watch'].mapLayer();
    expect(layer.features).toHaveLength(42);
    expect(layer.features[0].properties).toMatchObject({ colour: 'blue', hex: '#1677ff' });
    expect(runtime.plugins.ui().find((p: any) => p.plugin === 'hazard-watch')!.mapLayers[0]).toMatchObject({ query: 'mapLayer', colourProperty: 'colour' });
  });

  it('refuses bad alarms, unknown sources and wrong keys, changing nothing', async () => {
    const before = await cases();
    const unknown = await post(['alarms'], alarm('AL-x-0001', { sourceId: 'hw-nowhere' }));
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(body.error.message).toContain('hw-nowhere');
    const bad = await post(['alarms'], alarm('AL-x-0002', { severity: 'apocalyptic', at: 'yesterday' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues.map((i: any) => i.path).sort()).toEqual(['/at', '/severity']);
    expect((await post(['alarms'], alarm('AL-x-0003'), 'wrong-key')).status).toBe(401);
    expect((await post(['alarms', 'AL-nope', 'clear'], {})).status).toBe(404);
    expect(await cases()).toBe(before);
    expect(await runtime.db.selectFrom('hw_alarm').select('alarm_id').execute()).toEqual([]);
    await expect(resident.plugins['hazard-watch'].sources({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resident.plugins['hazard-watch'].loadDemo()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('opens one urgent case for the emergency department per alarm id, with a 21-minute clock and experts notified', async () => {
    const before = await cases();
    const res = await post(['alarms'], alarm('AL-20260803-1410'));
    expect(res.status).toBe(201);
    const first = await res.json();
    expect(first).toMatchObject({ alarmId: 'AL-20260803-1410', status: 'open', replayed: false });
    const c = await runtime.entities.get(systemContext(), 'incidentCase', first.caseId);
    expect(c).toMatchObject({ orgUnitId: 'zz-dept-emergency', status: 'reported', data: { category: 'safety.chemical', channel: 'hazardAlarm', urgency: 'critical', riskLevel: 'critical' } });
    const { clocks } = await runtime.workflow.timeline(systemContext(), 'incidentCase', first.caseId);
    expect(clocks.find((k: any) => k.clock === 'clear')).toMatchObject({ remainingMinutes: 21 });
    const notified = await runtime.db.selectFrom('notification').select(['unit_id', 'role']).where('kind', '=', 'hazardWatch.alarm').execute();
    expect(notified).toEqual([{ unit_id: 'zz-dept-emergency', role: 'hazardExpert' }]);

    const replay = await post(['alarms'], alarm('AL-20260803-1410'));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ...first, replayed: true });
    const moved = await post(['alarms'], alarm('AL-20260803-1410', { sourceId: 'hw-e01-s02' }));
    expect((await moved.json()).error.issues[0].path).toBe('/sourceId');
    expect(await cases()).toBe(before + 1);
    expect(await colour()).toBe('red');
  });

  it('closes the case through the workflow when the alarm clears at 14:31: 21 minutes to clear', async () => {
    clock.advance(21);
    const res = await post(['alarms', 'AL-20260803-1410', 'clear'], { note: '泄漏点已封堵' });
    expect(res.status).toBe(200);
    const cleared = await res.json();
    expect(cleared).toMatchObject({ status: 'cleared', clearMinutes: 21, clearedAt: '2026-08-03T06:31:00.000Z', clearNote: '泄漏点已封堵' });
    const c = await runtime.entities.get(systemContext(), 'incidentCase', cleared.caseId);
    expect(c.status).toBe('closed');
    const { events, clocks } = await runtime.workflow.timeline(systemContext(), 'incidentCase', cleared.caseId);
    expect(events.map((e: any) => e.type)).toContain('transition');
    expect(clocks.find((k: any) => k.clock === 'clear')).toMatchObject({ status: 'met' });
    expect(await (await post(['alarms', 'AL-20260803-1410', 'clear'], {})).json()).toMatchObject({ clearMinutes: 21, replayed: true });
    expect(await colour()).toBe('blue');
    expect(await dispatcher.plugins['hazard-watch'].dashboard()).toMatchObject({ openAlarms: 0, clearedAlarms: 1, medianClearMinutes: 21 });
  });

  it('moves a source through the colour rules: general alarm orange, overdue yellow, out of service grey', async () => {
    const general = await (await post(['alarms'], alarm('AL-gen-0001', { sourceId: 'hw-e02-s01', severity: 'general', type: 'flammableGas' }))).json();
    expect(await colour('hw-e02-s01')).toBe('orange');
    clock.advance(5);
    expect(await dispatcher.plugins['hazard-watch'].clearAlarm({ alarmId: general.alarmId })).toMatchObject({ status: 'cleared', clearMinutes: 5 });
    expect(await colour('hw-e02-s01')).toBe('blue');
    // Grade 1 sources are inspected weekly: eight days on, they are overdue.
    clock.advance(8 * 24 * 60);
    expect(await colour('hw-e02-s01')).toBe('yellow');
    expect((await dispatcher.plugins['hazard-watch'].recordInspection({ sourceId: 'hw-e02-s01' })).colour).toBe('blue');
    expect((await dispatcher.plugins['hazard-watch'].setInService({ sourceId: 'hw-e02-s01', inService: false })).colour).toBe('grey');
    await expect(dispatcher.plugins['hazard-watch'].setInService({ sourceId: 'hw-none', inService: true })).rejects.toMatchObject({ message: expect.stringContaining('hw-none') });
    await expect(resident.plugins['hazard-watch'].clearAlarm({ alarmId: general.alarmId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists a source’s alarm history (time to clear) and the open alarms (minutes open), read-only for those who may read', async () => {
    const hw = dispatcher.plugins['hazard-watch'];
    const open = await (await post(['alarms'], alarm('AL-open-0001', { sourceId: 'hw-e03-s01' }))).json();
    clock.advance(7);
    expect(await hw.alarms({ status: 'open' })).toEqual([expect.objectContaining({ alarmId: open.alarmId, sourceId: 'hw-e03-s01', status: 'open', minutes: 7, caseId: open.caseId })]);
    const history = await hw.alarms({ sourceId: SOURCE });
    expect(history).toEqual([expect.objectContaining({ alarmId: 'AL-20260803-1410', status: 'cleared', minutes: 21, clearNote: '泄漏点已封堵', enterpriseName: expect.any(String) })]);
    await expect(hw.alarms({ sourceId: 'hw-nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('hw-nowhere') });
    await expect(hw.alarms({ status: 'burning' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(resident.plugins['hazard-watch'].alarms({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
