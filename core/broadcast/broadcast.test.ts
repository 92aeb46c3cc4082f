import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { handleEventsRequest } from '../api/events-handler';
import type { UserProfile } from '../auth';
import { ValidationError } from '../errors';
import { sseStream, viewerFilter } from '../realtime';
import { createRuntime, optionsFromEnv, type Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { sseReader } from '../../test/sse-reader';
import { createTestRuntime, dialects } from '../../test/test-database';

const GRID_W = 'xg-wcl-c01-g04';
const GRID_H = 'xg-hs-c01-g01';

/** Xigong, with subdistrict officers also allowed to broadcast within their subdistrict. */
function configWithSubdistrictBroadcast(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gw-broadcast-')), 'xigong');
  cpSync('configs/xigong', dir, { recursive: true });
  const file = path.join(dir, 'district.json');
  const district = JSON.parse(readFileSync(file, 'utf8'));
  district.roles.find((r: { key: string }) => r.key === 'subdistrictOfficer').permissions.push('broadcastSubtree');
  writeFileSync(file, JSON.stringify(district));
  return dir;
}

describe.each(dialects())('broadcast instructions and live events on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let configDir: string;
  const users: Record<string, UserProfile> = {};
  const as = (name: string) => createCaller(createContextInner({ runtime, lang: 'en', principal: users[name] }));
  const live = (rt: Runtime, name: string) => {
    const ctx = createContextInner({ runtime: rt, lang: 'en', principal: users[name] });
    return sseReader(sseStream(rt.realtime, viewerFilter(users[name], ctx.ability!, rt.registry, rt.org)));
  };
  const poll = async (rt: Runtime) => {
    const bus = rt.realtime.bus as { poll?: () => Promise<number> };
    await bus.poll?.();
  };

  beforeAll(async () => {
    configDir = configWithSubdistrictBroadcast();
    ({ runtime, close } = await createTestRuntime(dialect, { configDir }));
    const make = async (name: string, role: string, unitId: string) => (users[name] = await createPrincipal(runtime, [{ role, unitId }], name));
    await make('dispatcher', 'dispatcher', 'xg-command');
    await make('officer', 'subdistrictOfficer', 'xg-hs');
    await make('secretary', 'communitySecretary', 'xg-hs-c01');
    await make('workerW', 'gridWorker', GRID_W);
    await make('workerH', 'gridWorker', GRID_H);
    await make('resident', 'resident', 'xg');
  });
  afterAll(() => close());

  it('stores an instruction once and shows it in every grid worker inbox of the scope', async () => {
    const sent = await as('dispatcher').broadcast.send({ title: '防汛紧急通知', body: '今晚有暴雨，请各网格员立即排查低洼地带', priority: 'urgent' });
    expect(sent).toMatchObject({ scopeUnitId: 'xg', roles: ['gridWorker'] });
    expect(await runtime.db.selectFrom('broadcast_receipt').selectAll().execute()).toEqual([]); // nothing per recipient yet
    for (const w of ['workerW', 'workerH']) expect((await as(w).broadcast.inbox({})).map((b) => b.id)).toContain(sent.id);
    for (const other of ['officer', 'secretary', 'resident']) expect((await as(other).broadcast.inbox({})).map((b) => b.id)).not.toContain(sent.id);
  });

  it('refuses empty instructions (400) and scopes outside the sender (403)', async () => {
    const empty = await expectError(as('dispatcher').broadcast.send({ title: '通知', body: '   ' }), Error);
    expect((empty as { code?: string }).code).toBe('BAD_REQUEST');
    expect((empty.cause as ValidationError).issues[0].path).toBe('/body');
    const untitled = await expectError(as('dispatcher').broadcast.send({ title: '', body: '内容' }), Error);
    expect((untitled.cause as ValidationError).issues[0].path).toBe('/title');
    for (const unit of ['xg', 'xg-wcl']) {
      const outside = await expectError(as('officer').broadcast.send({ unit, title: '通知', body: '内容' }), Error);
      expect((outside as { code?: string }).code).toBe('FORBIDDEN');
    }
    const notAllowed = await expectError(as('secretary').broadcast.send({ title: '通知', body: '内容' }), Error);
    expect((notAllowed as { code?: string }).code).toBe('FORBIDDEN');
    const badRole = await expectError(as('dispatcher').broadcast.send({ title: '通知', body: '内容', roles: ['nobody'] }), Error);
    expect((badRole.cause as ValidationError).issues[0].path).toBe('/roles');
    // Within the officer's subdistrict: reaches its grid worker, not another subdistrict's.
    const local = await as('officer').broadcast.send({ unit: 'xg-hs-c01', title: '社区通知', body: '明早九点集合' });
    expect((await as('workerH').broadcast.inbox({})).map((b) => b.id)).toContain(local.id);
    expect((await as('workerW').broadcast.inbox({})).map((b) => b.id)).not.toContain(local.id);
  });

  it('counts read receipts and acknowledgements per unit', async () => {
    const sent = await as('dispatcher').broadcast.send({ title: '安全检查', body: '请于本周完成燃气安全入户检查' });
    await as('workerW').broadcast.read({ id: sent.id });
    await as('workerH').broadcast.acknowledge({ id: sent.id });
    await as('workerH').broadcast.acknowledge({ id: sent.id }); // twice is once
    const denied = await expectError(as('officer').broadcast.read({ id: sent.id }), Error);
    expect((denied as { code?: string }).code).toBe('FORBIDDEN');
    const stats = await as('dispatcher').broadcast.stats({ id: sent.id });
    expect(stats.total).toEqual({ recipients: 2, read: 2, acknowledged: 1 });
    const units = Object.fromEntries(stats.units.map((u) => [u.unitId, [u.recipients, u.read, u.acknowledged]]));
    expect(units).toEqual({ 'xg-wcl': [1, 1, 0], 'xg-hs': [1, 1, 1] });
    const inbox = await as('workerH').broadcast.inbox({});
    expect(inbox.find((b) => b.id === sent.id)).toMatchObject({ readAt: expect.any(String), acknowledgedAt: expect.any(String) });
    const officerStats = await expectError(as('secretary').broadcast.stats({ id: sent.id }), Error);
    expect((officerStats as { code?: string }).code).toBe('FORBIDDEN');
  });

  it('streams new cases, closures and broadcasts to the screens allowed to see them', async () => {
    const w = live(runtime, 'workerW');
    const h = live(runtime, 'workerH');
    const d = live(runtime, 'dispatcher');
    try {
      await new Promise((r) => setTimeout(r, 50));
      const created = await as('resident').entity.create({ entity: 'incidentCase', orgUnitId: GRID_W, data: { title: '井盖缺失', category: 'safety.building', channel: 'residentApp', reportedAt: new Date().toISOString() } });
      await as('dispatcher').case.fire({ entity: 'incidentCase', id: created.id, transition: 'reject', form: { reason: '重复' } });
      const sent = await as('dispatcher').broadcast.send({ title: '直播测试', body: '请确认收到' });
      await poll(runtime);
      const isCreated = (e: { event: string; data: any }) => e.event === 'case' && e.data.recordId === created.id && e.data.type === 'created';
      expect((await w.next(isCreated)).data).toMatchObject({ orgUnitId: GRID_W, entity: 'incidentCase' });
      await d.next(isCreated);
      await d.next((e) => e.event === 'case' && e.data.recordId === created.id && e.data.transition === 'reject' && e.data.toState === 'rejected');
      for (const r of [w, h]) expect((await r.next((e) => e.event === 'broadcast' && e.data.broadcastId === sent.id)).data.title).toBe('直播测试');
      // workerH's grid is elsewhere: its screen never shows the case.
      expect(h.events.some((e) => e.event === 'case' && e.data.recordId === created.id)).toBe(false);
    } finally {
      await Promise.all([w.cancel(), h.cancel(), d.cancel()]);
    }
  });

  it('delivers one broadcast to every one of many connected screens', async () => {
    const screens = Array.from({ length: 300 }, (_, i) => live(runtime, i % 2 ? 'workerW' : 'workerH'));
    try {
      await new Promise((r) => setTimeout(r, 50));
      const sent = await as('dispatcher').broadcast.send({ title: '全员通知', body: '每个连接都应收到' });
      await poll(runtime);
      await Promise.all(screens.map((s) => s.next((e) => e.event === 'broadcast' && e.data.broadcastId === sent.id, 10_000)));
      expect(runtime.realtime.subscribers).toBeGreaterThanOrEqual(300);
    } finally {
      await Promise.all(screens.map((s) => s.cancel()));
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(runtime.realtime.subscribers).toBe(0); // closed screens unsubscribe
  });

  it('answers /api/events without a session with 401', async () => {
    const res = await handleEventsRequest(runtime, new Request('http://localhost:3000/api/events'));
    expect(res.status).toBe(401);
  });

  it.runIf(dialect === 'postgres')('delivers events raised on one instance to screens on another (LISTEN/NOTIFY)', async () => {
    const other = await createRuntime(optionsFromEnv({} as NodeJS.ProcessEnv, { district: 'xigong', configDir, databaseUrl: runtime.options.databaseUrl, lang: 'en' }));
    const reader = live(other, 'workerW');
    try {
      await new Promise((r) => setTimeout(r, 200));
      const sent = await as('dispatcher').broadcast.send({ title: '跨实例', body: '另一台服务器上的网格员也能收到' });
      const created = await as('resident').entity.create({ entity: 'incidentCase', orgUnitId: GRID_W, data: { title: '路灯不亮', category: 'safety.building', channel: 'residentApp', reportedAt: new Date().toISOString() } });
      expect((await reader.next((e) => e.event === 'broadcast' && e.data.broadcastId === sent.id)).data.title).toBe('跨实例');
      await reader.next((e) => e.event === 'case' && e.data.recordId === created.id);
    } finally {
      await reader.cancel();
      await other.close();
    }
  });
});
