import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { createCaller } from './app-router';
import { createContextInner } from './context';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';

const E = 'incidentCase';
const grid = 'xg-wcl-c01-g04';
const data = { title: '巷口装饰檐脱落', category: 'safety.building', channel: 'gridReport', reportedAt: '2026-09-05T01:30:00.000Z' };

const trpcError = (promise: Promise<unknown>) => expectError(promise, TRPCError);

describe.each(dialects())('tRPC routers on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let api: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    const admin = await createPrincipal(runtime, [{ role: 'districtAdmin', unitId: 'xg' }]);
    api = createCaller(createContextInner({ runtime, lang: 'en', principal: admin }));
  });
  afterAll(() => close());

  it('health names the district and the database', async () => {
    expect(await api.health.status()).toEqual({ status: 'ok', district: 'xigong', db: dialect });
  });

  it('district summary and org children come from the config', async () => {
    const summary = await api.district.summary();
    expect(summary.platformName['zh-CN']).toBe('智慧西工');
    expect(summary.orgLevels).toHaveLength(5);
    const top = await api.district.orgChildren({});
    expect(top.some((u) => u.kind === 'area' && u.level === 'subdistrict')).toBe(true);
    expect(top.some((u) => u.kind === 'department')).toBe(true);
  });

  it('creates, reads, lists, updates and deletes through the entity router', async () => {
    const created = await api.entity.create({ entity: E, orgUnitId: grid, data });
    expect(await api.entity.get({ entity: E, id: created.id })).toEqual(created);
    const list = await api.entity.list({ entity: E, filter: { category: 'safety.building' }, sort: { field: 'reportedAt', dir: 'desc' }, limit: 10 });
    expect(list.items.map((r) => r.id)).toContain(created.id);
    const updated = await api.entity.update({ entity: E, id: created.id, version: 1, data: { urgency: 'urgent' } });
    expect(updated.version).toBe(2);
    expect(await api.entity.delete({ entity: E, id: created.id, version: 2 })).toEqual({ id: created.id, deleted: true });
    const gone = await trpcError(api.entity.get({ entity: E, id: created.id }));
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('maps domain errors to tRPC codes with field issues', async () => {
    const invalid = await trpcError(api.entity.create({ entity: E, orgUnitId: grid, data: { ...data, reporterPhone: 'call me' } }));
    expect(invalid.code).toBe('BAD_REQUEST');
    const created = await api.entity.create({ entity: E, orgUnitId: grid, data });
    await api.entity.update({ entity: E, id: created.id, version: 1, data: { urgency: 'critical' } });
    const stale = await trpcError(api.entity.update({ entity: E, id: created.id, version: 1, data: { urgency: 'normal' } }));
    expect(stale.code).toBe('CONFLICT');
    const unknown = await trpcError(api.entity.list({ entity: 'ufo' }));
    expect(unknown.code).toBe('BAD_REQUEST');
  });

  it('refuses every non-public procedure without a session (401)', async () => {
    const anonymous = createCaller(createContextInner({ runtime, lang: 'en' }));
    expect((await trpcError(anonymous.entity.list({ entity: E }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(anonymous.entity.create({ entity: E, orgUnitId: grid, data }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(anonymous.user.list({}))).code).toBe('UNAUTHORIZED');
    expect(await anonymous.me.session()).toBeNull();
    expect((await anonymous.health.status()).status).toBe('ok');
  });

  it('rejects malformed procedure input before any work', async () => {
    const bad = await trpcError(api.entity.create({ entity: E, orgUnitId: grid, data: 'not an object' } as never));
    expect(bad.code).toBe('BAD_REQUEST');
    const extra = await trpcError(api.entity.list({ entity: E, limit: 100000 } as never));
    expect(extra.code).toBe('BAD_REQUEST');
  });
});
