import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { syntheticCases } from '../classifier';
import { createTestRuntime, dialects } from '../../test/test-database';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import { createCaller } from './app-router';
import { createContextInner } from './context';

const E = 'incidentCase';
const HONGSHAN_GRID = 'xg-hs-c01-g01';
const INSIDE_HONGSHAN = { lng: 112.4064, lat: 34.691 };
const trpcError = (promise: Promise<unknown>) => expectError(promise, TRPCError);

/** The procedures behind the dispatcher's "accept suggestion" and the admin's outbox page. */
describe.each(dialects())('recategorise and outbox retry on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let clock = Date.parse('2026-09-07T02:00:00Z');
  let receiverUp = false;
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push(req.url ?? '');
      res.writeHead(receiverUp ? 200 : 503).end();
    });
  });
  const as = {} as Record<'dispatcher' | 'gridWorker' | 'admin', ReturnType<typeof createCaller>>;

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ runtime, close } = await createTestRuntime(dialect, { now: () => new Date(clock) }));
    const caller = async (assignments: { role: string; unitId: string }[]) =>
      createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, assignments) }));
    as.dispatcher = await caller([{ role: 'dispatcher', unitId: 'xg-command' }]);
    as.gridWorker = await caller([{ role: 'gridWorker', unitId: HONGSHAN_GRID }]);
    as.admin = await caller([{ role: 'districtAdmin', unitId: 'xg' }]);
    const lawsuit = structuredClone(runtime.channels.get('lawsuit')!);
    lawsuit.outbound = [{ key: 'result', on: ['accepted'], adapter: 'webhook', url: `${base}/court`, maxAttempts: 2 }];
    runtime.channels.register(lawsuit, { source: 'test', replace: true });
  });
  afterAll(async () => {
    await close();
    await new Promise((r) => server.close(r));
  });

  const report = (title: string, category: string) => as.gridWorker.case.report({ entity: E, data: { title, category, location: INSIDE_HONGSHAN } });
  const auditOf = (id: string, action: string) => runtime.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).where('action', '=', action).execute();

  it('a dispatcher accepts a suggestion: category and departments change, timeline and audit say from what', async () => {
    const samples = syntheticCases(runtime.bundle.district, 400, 1, ['红山']).map((s, i) => ({ key: `s${i}`, text: s.text, label: s.label }));
    await runtime.classifier.train(E, samples, 'en');
    const created = await report('水管爆裂，楼道渗水漏水，已经停水', 'urban.environment');
    const { suggestions } = await as.dispatcher.case.suggestCategory({ entity: E, text: String(created.data.title) });
    expect(suggestions[0]).toMatchObject({ category: 'utilities.water', departments: ['xg-dept-water'] });
    expect(suggestions[0].confidence).toBeGreaterThan(0.5);
    expect((await as.dispatcher.case.routing({ entity: E, id: created.id }))?.departments).toEqual(['xg-dept-urban']);

    const result = await as.dispatcher.case.recategorise({ entity: E, id: created.id, category: suggestions[0].category, version: created.version });
    expect(result).toMatchObject({ category: 'utilities.water', departments: ['xg-dept-water'], version: created.version + 1, before: { category: 'urban.environment', departments: ['xg-dept-urban'] } });
    const after = await as.dispatcher.entity.get({ entity: E, id: created.id });
    expect(after.data.category).toBe('utilities.water');
    expect(after.data.title).toBe(created.data.title);
    expect(after.status).toBe(created.status);
    expect((await as.dispatcher.case.routing({ entity: E, id: created.id }))?.departments).toEqual(['xg-dept-water']);
    const timeline = await as.dispatcher.case.timeline({ entity: E, id: created.id });
    expect(timeline.events.find((e) => e.type === 'recategorised')?.data).toEqual({ from: 'urban.environment', to: 'utilities.water', departments: ['xg-dept-water'] });
    const [entry] = await auditOf(created.id, 'recategorise');
    expect(entry.actor_id).toBeTruthy();
    expect(JSON.parse(entry.diff)).toEqual({ changed: { category: { before: 'urban.environment', after: 'utilities.water' }, departments: { before: ['xg-dept-urban'], after: ['xg-dept-water'] } } });

    // The version the dispatcher saw is now stale: a second click is a conflict, not a silent write.
    expect((await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'safety.fireLane', version: created.version }))).code).toBe('CONFLICT');
    expect((await as.dispatcher.entity.get({ entity: E, id: created.id })).data.category).toBe('utilities.water');
  });

  it('a grid worker may read and work the case but not re-categorise it: 403, audited as denied, nothing changed', async () => {
    const created = await report('小区门口垃圾乱堆', 'urban.environment');
    const denied = await trpcError(as.gridWorker.case.recategorise({ entity: E, id: created.id, category: 'community.parking' }));
    expect(denied.code).toBe('FORBIDDEN');
    const unchanged = await as.gridWorker.entity.get({ entity: E, id: created.id });
    expect(unchanged.data.category).toBe('urban.environment');
    expect(unchanged.version).toBe(created.version);
    expect(await auditOf(created.id, 'recategorise')).toHaveLength(0);
    expect(JSON.parse((await auditOf(created.id, 'denied'))[0].diff)).toEqual({ attempted: 'recategorise' });
  });

  it('a category the district does not have is a validation error naming /category; nothing changes', async () => {
    const created = await report('占道经营', 'urban.environment');
    const bad = await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: 'ufo.sighting' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/ufo\.sighting/);
    expect((bad.cause as unknown as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['/category']);
    const empty = await trpcError(as.dispatcher.case.recategorise({ entity: E, id: created.id, category: '' }));
    expect(empty.code).toBe('BAD_REQUEST');
    expect((empty.cause as unknown as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['/category']);
    const record = await as.dispatcher.entity.get({ entity: E, id: created.id });
    expect(record.data.category).toBe('urban.environment');
    expect(record.version).toBe(created.version);
    expect(await auditOf(created.id, 'recategorise')).toHaveLength(0);
  });

  it('an admin retries a dead outbound leg now: queued again, audited, then sent; others may not', async () => {
    const created = await runtime.entities.create({ lang: 'en', actor: { id: 'channel:lawsuit' } }, E, {
      data: { title: '物业费纠纷诉前调解', category: 'disputes.neighbour', channel: 'lawsuit', reportedAt: '2026-09-07T01:00:00Z', address: '西工区红山街道' },
    });
    await runtime.workflow.fire(systemContext('en'), E, created.id, 'accept');
    const legOf = async () => (await as.admin.intake.outbox({ recordId: created.id }))[0];
    const queued = await legOf();
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, maxAttempts: 2, nextAttemptAt: expect.any(String) });
    expect((await trpcError(as.admin.intake.retryLeg({ id: queued.id }))).code).toBe('CONFLICT');

    await runtime.scheduler.runDue();
    const failed = await legOf();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/503/) });
    expect(Date.parse(failed.nextAttemptAt!)).toBeGreaterThan(clock);
    clock += 60_000;
    await runtime.scheduler.runDue();
    const dead = await legOf();
    expect(dead).toMatchObject({ status: 'dead', attempts: 2, nextAttemptAt: null });

    expect((await trpcError(as.dispatcher.intake.retryLeg({ id: dead.id }))).code).toBe('FORBIDDEN');
    expect((await trpcError(as.gridWorker.intake.retryLeg({ id: dead.id }))).code).toBe('FORBIDDEN');
    expect((await trpcError(as.admin.intake.retryLeg({ id: 'no-such-leg' }))).code).toBe('NOT_FOUND');
    expect((await legOf()).status).toBe('dead');
    expect(await auditOf(dead.id, 'outbox.retry')).toHaveLength(0);

    const retried = await as.admin.intake.retryLeg({ id: dead.id });
    expect(retried).toMatchObject({ id: dead.id, status: 'pending', attempts: 2, maxAttempts: 3, nextAttemptAt: new Date(clock).toISOString() });
    const [entry] = await auditOf(dead.id, 'outbox.retry');
    expect(JSON.parse(entry.diff)).toMatchObject({ changed: { status: { before: 'dead', after: 'pending' } }, recordId: created.id, leg: 'result' });

    receiverUp = true;
    const before = hits.length;
    await runtime.scheduler.runDue();
    expect(hits.length).toBe(before + 1);
    expect(await legOf()).toMatchObject({ status: 'sent', attempts: 3, lastError: null, nextAttemptAt: null });
    expect((await trpcError(as.admin.intake.retryLeg({ id: dead.id }))).code).toBe('CONFLICT');
  });
});
