import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../api/context';
import { verifyAudit } from '../audit';
import type { UserProfile } from '../auth';
import { systemContext, type ServiceContext } from '../entities';
import { ConflictError, ValidationError } from '../errors';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';

const E = 'incidentCase';
const GRID = 'xg-wcl-c01-g04';

/**
 * Transitions fired at the same time. On SQLite they share durable commits (group commit), each
 * in a savepoint: these show that sharing changes nothing a caller can observe.
 */
describe.each(dialects())('concurrent transitions on %s', (dialect) => {
  const now = () => new Date('2026-09-07T01:00:00.000Z');
  let runtime: Runtime;
  let close: () => Promise<void>;
  let worker: ServiceContext;
  let dispatcher: ServiceContext;

  const svc = (runtime: Runtime, u: UserProfile): ServiceContext => {
    const c = createContextInner({ runtime, lang: 'en', principal: u });
    return { lang: 'en', actor: { id: u.id }, ability: c.ability, roles: u.assignments.map((a) => a.role), units: u.assignments.map((a) => a.unitId) };
  };

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { now }));
    worker = svc(runtime, await createPrincipal(runtime, [{ role: 'gridWorker', unitId: GRID }], 'worker'));
    dispatcher = svc(runtime, await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }], 'dispatcher'));
  });
  afterAll(() => close());

  const cases = async (n: number, category = 'safety.building') =>
    (
      await runtime.entities.createMany(
        systemContext('en'),
        E,
        Array.from({ length: n }, (_, i) => ({ orgUnitId: GRID, data: { title: `巷口问题 ${i}`, category, channel: 'residentApp', reportedAt: now().toISOString() } })),
      )
    ).map((r) => r.id);
  const statusOf = async (id: string) => (await runtime.entities.get(systemContext(), E, id)).status;
  const committedGroups = () => runtime.groupCommit?.stats.groups ?? 0;

  it('two people on one case in a burst of others: exactly one wins, the other is told the state, the rest go through', async () => {
    const [contested, ...others] = await cases(7);
    const groupsBefore = committedGroups();
    const [a, b, ...rest] = await Promise.allSettled([
      runtime.workflow.fire(worker, E, contested, 'accept'),
      runtime.workflow.fire(dispatcher, E, contested, 'accept'),
      ...others.map((id) => runtime.workflow.fire(worker, E, id, 'accept')),
    ]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const loser = (a.status === 'rejected' ? a : b) as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConflictError);
    expect(loser.reason.message).toMatch(/accepted/);
    expect(rest.every((r) => r.status === 'fulfilled')).toBe(true);
    for (const id of [contested, ...others]) expect(await statusOf(id)).toBe('accepted');
    const timeline = await runtime.workflow.timeline(systemContext(), E, contested);
    expect(timeline.events.filter((e) => e.transition === 'accept')).toHaveLength(1);
    // One respond clock stopped and one on-site clock started, not two.
    expect(timeline.clocks.map((c) => [c.clock, c.status]).sort()).toEqual([
      ['feedback', 'running'],
      ['onSite', 'running'],
      ['respond', 'met'],
    ]);
    if (runtime.groupCommit) expect(committedGroups() - groupsBefore).toBeLessThan(7);
  });

  it('a transition failing part-way inside a shared commit changes nothing and loses none of the others', async () => {
    const [coHandled] = await cases(1, 'safety.fireLane');
    await runtime.workflow.fire(dispatcher, E, coHandled, 'accept');
    const before = await runtime.workflow.timeline(systemContext(), E, coHandled);
    const others = await cases(6);
    const auditBefore = Number((await runtime.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    // The unknown department is found by the co-handling action, after the state has moved; it is
    // in the middle of the burst, so others share its commit on both sides of it.
    const accepts = others.map((id) => runtime.workflow.fire(worker, E, id, 'accept'));
    accepts.splice(3, 0, runtime.workflow.fire(dispatcher, E, coHandled, 'dispatch', { form: { departments: ['xg-dept-fire', 'nowhere'] } }));
    const settled = await Promise.allSettled(accepts);
    const [bad] = settled.splice(3, 1);
    const rest = settled;
    expect(bad.status).toBe('rejected');
    const error = (bad as PromiseRejectedResult).reason as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(['/form/departments']);
    expect(rest.every((r) => r.status === 'fulfilled')).toBe(true);
    for (const id of others) expect(await statusOf(id)).toBe('accepted');
    const after = await runtime.workflow.timeline(systemContext(), E, coHandled);
    expect(after.record.status).toBe('accepted');
    expect(after.record.version).toBe(before.record.version);
    expect(after.events).toEqual(before.events);
    expect(after.clocks).toEqual(before.clocks);
    expect(after.tasks).toEqual([]);
    const auditAfter = Number((await runtime.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(auditAfter - auditBefore).toBe(others.length);
    expect((await verifyAudit(runtime.db)).ok).toBe(true);
  });

  it('answers each caller only once its transition is committed', async () => {
    const ids = await cases(8);
    const committedAtAnswer = await Promise.all(
      ids.map((id) => runtime.workflow.fire(worker, E, id, 'accept').then(() => runtime.groupCommit?.stats.committed ?? null)),
    );
    if (!runtime.groupCommit) return;
    // Every answer came after the commit counted it: the count seen is never below the answers so far.
    const sorted = [...committedAtAnswer].sort((x, y) => x! - y!);
    sorted.forEach((seen, i) => expect(seen).toBeGreaterThanOrEqual(i + 1));
  });
});
