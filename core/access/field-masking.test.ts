import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';

const E = 'incidentCase';
const PHONE = '13912345678';
const NAME = '申卫华';
const grid = 'xg-wcl-c01-g04';

describe.each(dialects())('personal data masking on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let caseId: string;
  let residentCaseId: string;
  const callers: Record<string, ReturnType<typeof createCaller>> = {};

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    const as = async (role: string, unitId: string) =>
      createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role, unitId }]) }));
    callers.dispatcher = await as('dispatcher', 'xg-command');
    callers.handler = await as('departmentHandler', 'xg-dept-housing');
    callers.admin = await as('districtAdmin', 'xg');
    const resident = await createPrincipal(runtime, [{ role: 'resident', unitId: 'xg' }]);
    callers.resident = createCaller(createContextInner({ runtime, lang: 'en', principal: resident }));
    const data = { title: '装饰檐脱落', category: 'safety.building', channel: 'gridReport', reportedAt: '2026-09-05T01:00:00.000Z', reporterName: NAME, reporterPhone: PHONE };
    caseId = (await callers.dispatcher.entity.create({ entity: E, orgUnitId: grid, data })).id;
    await runtime.db.insertInto('record_assignment').values({ entity: E, record_id: caseId, unit_id: 'xg-dept-housing', user_id: null, kind: 'handler', created_at: '2026-09-05T01:00:00.000Z' }).execute();
    residentCaseId = (await callers.resident.entity.create({ entity: E, orgUnitId: grid, data: { ...data, title: '我家门口漏水', channel: 'residentApp' } })).id;
    await callers.dispatcher.entity.update({ entity: E, id: caseId, version: 1, data: { reporterPhone: '13700000000' } });
  });
  afterAll(() => close());

  const leaks = (value: unknown) => {
    const json = JSON.stringify(value);
    return json.includes(PHONE) || json.includes('13700000000') || json.includes(NAME);
  };

  it('a role allowed to read PII sees it', async () => {
    const record = await callers.dispatcher.entity.get({ entity: E, id: caseId });
    expect(record.data.reporterName).toBe(NAME);
    expect(record).not.toHaveProperty('maskedFields');
  });

  it('a department handler never receives the reporter\'s name or phone: get, list, update response', async () => {
    const record = await callers.handler.entity.get({ entity: E, id: caseId });
    expect(record.data.title).toBe('装饰檐脱落');
    expect(record.data.reporterPhone).toBe('*******0000');
    expect(record.data.reporterName).toBe('申**');
    expect((record as { maskedFields?: string[] }).maskedFields?.sort()).toEqual(['reporterName', 'reporterPhone']);
    expect(leaks(record)).toBe(false);
    const list = await callers.handler.entity.list({ entity: E });
    expect(list.items.map((r) => r.id)).toEqual([caseId]);
    expect(leaks(list)).toBe(false);
    const updated = await callers.handler.entity.update({ entity: E, id: caseId, version: record.version, data: { urgency: 'urgent' } });
    expect(leaks(updated)).toBe(false);
  });

  it('a resident sees only the listed fields of their own report', async () => {
    const own = await callers.resident.entity.get({ entity: E, id: residentCaseId });
    expect(own.data.title).toBe('我家门口漏水');
    expect(leaks(own)).toBe(false);
    const list = await callers.resident.entity.list({ entity: E });
    expect(list.items.map((r) => r.id)).toEqual([residentCaseId]);
  });

  it('the audit log stores masked values only, so no audit reader sees PII', async () => {
    const entries = await callers.admin.audit.query({ subjectType: E, subjectId: caseId });
    expect(entries.items.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update']));
    expect(leaks(entries)).toBe(false);
    const raw = await runtime.db.selectFrom('audit_log').select(['diff']).execute();
    expect(leaks(raw)).toBe(false);
    // Retired/aggregate paths: counts go through the same scope.
    expect(await runtime.entities.count(systemContext('en'), E)).toBe(2);
  });

  it('reading the audit log needs the right', async () => {
    await expect(callers.handler.audit.query({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
