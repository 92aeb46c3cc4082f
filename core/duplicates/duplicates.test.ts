import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import type { UserProfile } from '../auth';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { minhash, similarity } from './minhash';

const E = 'incidentCase';
const METRE_LAT = 1 / 111_320;

/** The centre of each grid of the district, from its config polygons. */
function gridCentres(runtime: Runtime) {
  return runtime.bundle.units
    .filter((u) => u.geometry?.type === 'Polygon')
    .map((u) => {
      const ring = (u.geometry as { coordinates: number[][][] }).coordinates[0];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      return { id: u.id, lng: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 };
    });
}

async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('text similarity (MinHash)', () => {
  it('scores near-identical reports high and unrelated ones low', () => {
    const a = minhash('红山社区3号楼楼道堆满杂物，消防通道被堵塞，居民出行困难')!;
    const b = minhash('红山社区3号楼楼道堆满杂物，消防通道被堵塞，居民出行很困难！')!;
    const c = minhash('芳林路菜市场门口污水外溢，气味难闻，请尽快处理')!;
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.7);
    expect(similarity(a, c)).toBeLessThan(0.3);
    expect(minhash('太短了')).toBeNull();
  });
});

describe.each(dialects())('duplicates, merge and split on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let centres: ReturnType<typeof gridCentres>;
  const users: Record<string, UserProfile> = {};
  const as = (name: string) => createCaller(createContextInner({ runtime, lang: 'en', principal: users[name] }));
  const report = (where: { lng: number; lat: number } | undefined, extra: Record<string, unknown> = {}) =>
    as('resident').entity.create({
      entity: E,
      data: { title: '楼道堆放杂物', description: '', category: 'safety.fireLane', channel: 'gridReport', reportedAt: '2026-09-07T01:00:00.000Z', ...(where ? { location: { lng: where.lng, lat: where.lat } } : {}), ...extra },
    });
  const candidatesOf = async (id: string) => (await as('dispatcher').case.duplicates({ entity: E, id })).candidates.map((c) => c.id);

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    centres = gridCentres(runtime);
    users.resident = await createPrincipal(runtime, [{ role: 'resident', unitId: 'xg' }], 'resident');
    users.dispatcher = await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }], 'dispatcher');
    users.worker = await createPrincipal(runtime, [{ role: 'gridWorker', unitId: centres[0].id }], 'worker');
  });
  afterAll(() => close());

  it('links an open case of the same category, close in space and time', async () => {
    const p = centres[0];
    const first = await report(p, { title: '楼道堆放杂物影响通行' });
    const second = await report({ lng: p.lng, lat: p.lat + 40 * METRE_LAT }, { title: '消防通道被电动车占用', reportedAt: '2026-09-07T09:00:00.000Z' });
    const found = await as('dispatcher').case.duplicates({ entity: E, id: second.id });
    expect(found.candidates).toEqual([expect.objectContaining({ id: first.id, reason: 'nearby', status: 'reported' })]);
    expect(found.candidates[0].distanceMetres).toBeGreaterThanOrEqual(39);
    expect(found.candidates[0].distanceMetres).toBeLessThanOrEqual(41);
    // Both directions, and both timelines say so.
    expect(await candidatesOf(first.id)).toEqual([second.id]);
    const timeline = await as('dispatcher').case.timeline({ entity: E, id: first.id });
    expect(timeline.events.some((e) => e.type === 'duplicate.candidate')).toBe(true);
  });

  it('does not link another category, a case too far, too late, or already finished', async () => {
    const p = centres[1];
    const base = await report(p, { title: '垃圾桶满溢无人清运', category: 'urban.environment' });
    const otherCategory = await report(p, { title: '停车位被长期占用', category: 'community.parking' });
    const far = await report({ lng: p.lng, lat: p.lat + 400 * METRE_LAT }, { title: '路边垃圾乱堆', category: 'urban.environment' });
    const late = await report(p, { title: '垃圾堆放发臭', category: 'urban.environment', reportedAt: '2026-09-12T01:00:00.000Z' });
    expect(await candidatesOf(otherCategory.id)).toEqual([]);
    expect(await candidatesOf(far.id)).toEqual([]);
    expect(await candidatesOf(late.id)).toEqual([]);
    // A rejected (final) case is no longer a candidate.
    await as('dispatcher').case.fire({ entity: E, id: base.id, transition: 'reject', form: { reason: '重复反映，已另案处理' } });
    const afterReject = await report(p, { title: '垃圾桶旁堆满纸箱', category: 'urban.environment' });
    expect(await candidatesOf(afterReject.id)).toEqual([]);
  });

  it('links near-identical text from anywhere, in any category, but not different text', async () => {
    const text = '西工区芳林路菜市场门口污水井盖破损，污水外溢，气味难闻';
    const a = await report(undefined, { title: '污水井盖破损', description: text, category: 'utilities.water', channel: 'hotline12345' });
    const b = await report(centres[5], { title: '污水井盖破损', description: `${text}！`, category: 'urban.environment', channel: 'leaderBoard' });
    const c = await report(undefined, { title: '井盖问题', description: '汉屯路小学门口井盖松动，学生上学有危险', category: 'utilities.water' });
    const found = await as('dispatcher').case.duplicates({ entity: E, id: b.id });
    expect(found.candidates).toEqual([expect.objectContaining({ id: a.id, reason: 'text' })]);
    expect(found.candidates[0].textSimilarity).toBeGreaterThanOrEqual(0.7);
    expect(await candidatesOf(c.id)).toEqual([]);
  });

  it('merges duplicates into a primary, tells their reporters the outcome, and splits again', async () => {
    const p = centres[2];
    const primary = await report(p, { title: '装饰檐脱落砸坏车辆', category: 'safety.building' });
    const dup1 = await report(p, { title: '墙面装饰檐脱落', category: 'safety.building', channel: 'hotline12345' });
    const dup2 = await report(p, { title: '楼顶装饰檐掉落', category: 'safety.building', channel: 'leaderBoard' });
    const merged = await as('dispatcher').case.merge({ entity: E, primaryId: primary.id, duplicateIds: [dup1.id, dup2.id] });
    expect(merged.merged.map((m) => m.id).sort()).toEqual([dup1.id, dup2.id].sort());
    const dupView = await as('dispatcher').case.duplicates({ entity: E, id: dup1.id });
    expect(dupView).toMatchObject({ record: { status: 'merged' }, mergedInto: primary.id });
    // A merged case's clocks stopped with it.
    const clocks = (await as('dispatcher').case.timeline({ entity: E, id: dup1.id })).clocks;
    expect(clocks.every((c) => c.stoppedAt)).toBe(true);
    // Already merged: a second merge is a conflict; merging a case into itself is bad input.
    expect((await trpcError(as('dispatcher').case.merge({ entity: E, primaryId: primary.id, duplicateIds: [dup1.id] }))).code).toBe('CONFLICT');
    const self = await trpcError(as('dispatcher').case.merge({ entity: E, primaryId: primary.id, duplicateIds: [primary.id] }));
    expect(self.code).toBe('BAD_REQUEST');
    expect(self.message).toContain('cannot be merged into itself');

    // Split dup2: it opens again, clocks restart, and it no longer hangs on the primary.
    const split = await as('dispatcher').case.split({ entity: E, id: dup2.id });
    expect(split).toMatchObject({ record: { status: 'reported' }, mergedInto: null });
    expect((await trpcError(as('dispatcher').case.split({ entity: E, id: dup2.id }))).code).toBe('CONFLICT');

    // The primary finishes: the case still merged into it (dup1) gets the outcome, dup2 does not.
    await as('dispatcher').case.fire({ entity: E, id: primary.id, transition: 'reject', form: { reason: '重复反映，已另案处理' } });
    const outcome = (await as('dispatcher').case.timeline({ entity: E, id: dup1.id })).events.find((e) => e.type === 'merge.outcome');
    expect(outcome?.data).toMatchObject({ primaryId: primary.id, state: 'rejected' });
    expect((await as('dispatcher').case.timeline({ entity: E, id: dup2.id })).events.some((e) => e.type === 'merge.outcome')).toBe(false);
    const notes = await runtime.db.selectFrom('notification').selectAll().where('kind', '=', 'merge.outcome').execute();
    expect(notes.map((n) => n.record_id)).toEqual([dup1.id]);
    expect(JSON.parse(notes[0].data)).toMatchObject({ primaryId: primary.id, reporterId: users.resident.id, channel: 'hotline12345' });
  });

  it('refuses a merge by a grid worker (no merge permission) and changes nothing', async () => {
    const p = centres[0];
    const a = await report(p, { title: '消防通道堵塞一' });
    const b = await report(p, { title: '消防通道堵塞二' });
    const denied = await trpcError(as('worker').case.merge({ entity: E, primaryId: a.id, duplicateIds: [b.id] }));
    expect(denied.code).toBe('FORBIDDEN');
    expect((await as('dispatcher').entity.get({ entity: E, id: b.id })).status).toBe('reported');
    const audit = await runtime.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'denied').where('subject_id', '=', a.id).execute();
    expect(audit.length).toBe(1);
    expect((await trpcError(as('dispatcher').case.merge({ entity: E, primaryId: a.id, duplicateIds: [] as string[] }))).code).toBe('BAD_REQUEST');
  });
});

describe.each(dialects())('cross-channel risk signals (Zhongzhan) on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  const system = () => createCaller(createContextInner({ runtime, lang: 'en', principal: users.dispatcher }));
  const users: Record<string, UserProfile> = {};

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { district: 'zhongzhan' }));
    users.dispatcher = await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'zz-command' }], 'dispatcher');
  });
  afterAll(() => close());

  it('raises the risk level as public opinion, petition and police signals about one compound arrive, then escalates', async () => {
    const [p] = gridCentres(runtime);
    const signal = (channel: string, day: number, title: string, category: string) =>
      system().entity.create({ entity: E, data: { title, category, channel, reportedAt: `2026-06-0${day}T02:00:00.000Z`, location: { lng: p.lng + day * 0.0003, lat: p.lat } } });
    const opinion = await signal('publicOpinion', 1, '网传某小区物业代收房产证费用引发不满', 'property.dispute');
    expect(opinion.data.riskLevel).toBeUndefined();
    const petition = await signal('petition', 2, '业主集体上访反映物业代收办证费', 'property.dispute');
    expect(petition.data.riskLevel).toBe('medium');
    expect((await system().entity.get({ entity: E, id: opinion.id })).data.riskLevel).toBe('medium');
    const police = await signal('police110', 3, '小区业主与物业发生争执报警', 'disputes.neighbour');
    expect(police.data.riskLevel).toBe('high');
    const first = await system().entity.get({ entity: E, id: opinion.id });
    expect(first.data.riskLevel).toBe('high');
    // The oldest case carries the subject: it was escalated once (提级响应).
    expect(first.status).toBe('escalated');
    const events = (await system().case.timeline({ entity: E, id: opinion.id })).events.map((e) => e.type);
    expect(events.filter((t) => t === 'risk.raised').length).toBe(2);
    expect(events).toContain('risk.escalation');
    // A fourth signal from a channel that is not a risk source changes nothing.
    const grid = await signal('gridReport', 4, '网格员巡查发现小区门口聚集', 'property.dispute');
    expect(grid.data.riskLevel).toBeUndefined();
  });
});
