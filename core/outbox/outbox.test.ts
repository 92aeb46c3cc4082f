import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';

/** A receiver on 127.0.0.1: /court answers 500 twice then 200; /hotline is always down. */
function receiver() {
  const hits: { path: string; key: string; body: any }[] = [];
  let courtCalls = 0;
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', key: String(req.headers['idempotency-key']), body: JSON.parse(data) });
      const ok = req.url === '/court' && ++courtCalls > 2;
      res.writeHead(ok ? 200 : req.url === '/court' ? 500 : 503).end();
    });
  });
  return { server, hits };
}

describe.each(dialects())('outbound legs on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let clock = Date.parse('2026-09-07T02:00:00Z');
  const { server, hits } = receiver();
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ runtime, close } = await createTestRuntime(dialect, { now: () => new Date(clock) }));
    const lawsuit = structuredClone(runtime.channels.get('lawsuit')!);
    lawsuit.outbound = [
      { key: 'result', on: ['accepted'], adapter: 'webhook', url: `${base}/court`, maxAttempts: 5 },
      { key: 'hotline', on: ['accepted'], adapter: 'webhook', url: `${base}/hotline`, maxAttempts: 3 },
      { key: 'unconfigured', on: ['accepted'], adapter: 'webhook', urlEnv: 'GRIDWORK_TEST_NEVER_SET_URL' },
    ];
    runtime.channels.register(lawsuit, { source: 'test', replace: true });
  });
  afterAll(async () => {
    await close();
    await new Promise((r) => server.close(r));
  });

  it('each leg keeps its own state: one is sent after retries, the other goes dead and alarms the command centre', async () => {
    const created = await runtime.entities.create({ lang: 'en', actor: { id: 'channel:lawsuit' } }, 'incidentCase', {
      data: { title: '物业费纠纷诉前调解', category: 'disputes.neighbour', channel: 'lawsuit', reportedAt: '2026-09-07T01:00:00Z', address: '西工区红山街道' },
    });
    await runtime.workflow.fire(systemContext('en'), 'incidentCase', created.id, 'accept');
    const legs = () => runtime.db.selectFrom('outbox').selectAll().where('record_id', '=', created.id).orderBy('leg').execute();
    expect((await legs()).map((l) => [l.leg, l.status])).toEqual([
      ['hotline', 'pending'],
      ['result', 'pending'],
    ]);

    const states: string[][] = [];
    for (let i = 0; i < 6; i++) {
      await runtime.scheduler.runDue();
      states.push((await legs()).map((l) => `${l.leg}:${l.status}:${l.attempts}`));
      clock += 20_000; // past the 2 s, 4 s, 8 s, 16 s backoff
    }
    expect(states[0]).toEqual(['hotline:failed:1', 'result:failed:1']);
    expect(states[2]).toEqual(['hotline:dead:3', 'result:sent:3']);
    expect(states[5]).toEqual(states[2]);

    const [hotline, result] = await legs();
    expect(hotline.last_error).toMatch(/HTTP 503/);
    expect(result.sent_at).toBeTruthy();
    const courtHits = hits.filter((h) => h.path === '/court');
    expect(courtHits).toHaveLength(3);
    expect(new Set(courtHits.map((h) => h.key))).toEqual(new Set([result.id]));
    expect(courtHits[0].body).toMatchObject({ leg: 'result', channel: 'lawsuit', event: 'accepted', case: { id: created.id, title: '物业费纠纷诉前调解' } });

    const alarms = await runtime.db.selectFrom('notification').selectAll().where('kind', '=', 'outboxDead').execute();
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ unit_id: 'xg-command', record_id: created.id });
    expect(JSON.parse(alarms[0].data)).toMatchObject({ legId: hotline.id, leg: 'hotline' });

    const admin = createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'districtAdmin', unitId: 'xg' }]) }));
    expect((await admin.intake.outbox({ status: 'dead' })).map((l) => l.id)).toEqual([hotline.id]);
    const dispatcher = createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }]) }));
    await expect(dispatcher.intake.outbox({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a case from a channel without legs queues nothing', async () => {
    const created = await runtime.entities.create(systemContext('en'), 'incidentCase', {
      data: { title: '路灯不亮', category: 'urban.environment', channel: 'gridReport', reportedAt: '2026-09-07T01:00:00Z', address: '西工区红山街道' },
    });
    await runtime.workflow.fire(systemContext('en'), 'incidentCase', created.id, 'accept');
    expect(await runtime.db.selectFrom('outbox').selectAll().where('record_id', '=', created.id).execute()).toEqual([]);
  });
});
