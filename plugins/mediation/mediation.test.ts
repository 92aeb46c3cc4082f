import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fake-clock';
import { createContextInner, createRuntimeCaller, handlePluginRequest, systemContext, type Runtime } from '../../core/plugin-sdk';
import { districtWithPlugins } from '../../test/plugin-config';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import mediation from './index';

const GRID = 'hj-gx-c01-g01';
const COMMUNITY = 'hj-gx-c01';
const SUBDISTRICT = 'hj-gx';


/** The court's system: refuses the first delivery, then records what it receives. */
function courtServer() {
  const received: unknown[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls++;
      if (calls === 1) {
        res.statusCode = 503;
        return res.end();
      }
      received.push(JSON.parse(body));
      res.end('{}');
    });
  });
  return { server, received };
}

describe.each(dialects())('mediation on %s (Huiji)', (dialect) => {
  const clock = fakeClock('2026-09-07T01:00:00.000Z');
  const court = courtServer();
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let runtime: Runtime;
  const callers: Record<string, any> = {};
  const ids: Record<string, string> = {};
  let courtKey: string;
  let disputeId: string;

  const fire = (who: string, id: string, transition: string, form?: Record<string, unknown>) => callers[who].case.fire({ entity: 'mediationCase', id, transition, form });
  const courtCall = (method: string, path: string[], body?: unknown, key = courtKey) =>
    handlePluginRequest(runtime, 'mediation', path, new Request(`http://x/api/plugins/mediation/${path.map(encodeURIComponent).join('/')}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-gridwork-lang': 'en' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));

  beforeAll(async () => {
    await new Promise<void>((resolve) => court.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(court.server.address() as AddressInfo).port}/outcomes`;
    const configured = JSON.parse(readFileSync('configs/huiji/district.json', 'utf8')).plugins.mediation.settings;
    const configDir = districtWithPlugins('huiji', { mediation: { enabled: true, settings: { ...configured, courtReferral: { ...configured.courtReferral, callbackUrl: url } } } });
    t = await createTestRuntime(dialect, { configDir, now: clock.now, plugins: [mediation] });
    runtime = t.runtime;
    const as = async (name: string, role: string, unitId: string) => {
      const principal = await createPrincipal(runtime, [{ role, unitId }], name);
      ids[name] = principal.id;
      callers[name] = createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal }));
    };
    await as('admin', 'districtAdmin', 'hj');
    await as('dispatcher', 'dispatcher', 'hj-command');
    await as('mediator', 'mediator', SUBDISTRICT);
    await as('worker', 'gridWorker', GRID);
    await as('patrolNear', 'patrolOfficer', COMMUNITY);
    await as('patrolFar', 'patrolOfficer', SUBDISTRICT);
    await as('patrolElsewhere', 'patrolOfficer', 'hj-lyc');
    await as('judicial', 'judicialOfficer', SUBDISTRICT);
    await as('lawyerBusy', 'lawyer', SUBDISTRICT);
    await as('lawyer', 'lawyer', 'hj');
    await as('judge', 'judge', 'hj');
    await as('prosecutor', 'prosecutor', 'hj');
    await as('police', 'policeOfficer', SUBDISTRICT);
    await callers.lawyerBusy.plugins.mediation.setAvailability({ available: false });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => court.server.close(resolve));
  });

  it('turns a grid report of a dispute into a mediation case, and only a dispute', async () => {
    const report = await callers.worker.entity.create({ entity: 'incidentCase', orgUnitId: GRID, data: { title: '邻里漏水纠纷', category: 'disputes.neighbour', channel: 'gridReport', reportedAt: clock.now().toISOString() } });
    const m = await callers.worker.plugins.mediation.fromCase({ caseId: report.id });
    expect(m).toMatchObject({ orgUnitId: GRID, status: 'intake', data: { source: 'gridReport', sourceCaseId: report.id, riskType: 'conflictDispute', difficulty: 'routine' } });
    disputeId = m.id;
    const other = await callers.worker.entity.create({ entity: 'incidentCase', orgUnitId: GRID, data: { title: '占道经营', category: 'urban.environment', channel: 'gridReport', reportedAt: clock.now().toISOString() } });
    await expect(callers.worker.plugins.mediation.fromCase({ caseId: other.id })).rejects.toMatchObject({ cause: { issues: [expect.objectContaining({ path: '/caseId' })] } });
  });

  it('draws the panel by availability and area, closest area first', async () => {
    expect((await fire('mediator', disputeId, 'formPanel')).status).toBe('panelFormed');
    const { panel } = await callers.mediator.plugins.mediation.sessions({ id: disputeId });
    expect(panel.map((p: any) => [p.role, p.user_id])).toEqual([
      ['judicialOfficer', ids.judicial],
      ['lawyer', ids.lawyer],
      ['patrolOfficer', ids.patrolNear],
    ]);
  });

  it('lets the panel hold sessions with attendees, minutes and documents; nobody else', async () => {
    await expect(fire('patrolElsewhere', disputeId, 'holdSession', { heldAt: clock.now().toISOString(), attendees: ['x'], minutes: '调解开始' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fire('patrolNear', disputeId, 'holdSession', { heldAt: clock.now().toISOString(), attendees: ['张三'] })).rejects.toMatchObject({
      cause: { issues: [expect.objectContaining({ path: '/form/minutes' })] },
    });
    const form = { heldAt: clock.now().toISOString(), attendees: ['张三（申请人）', '李四（被申请人）', ids.patrolNear], minutes: '双方陈述漏水经过，同意先行维修。', documents: ['file-1'] };
    expect((await fire('patrolNear', disputeId, 'holdSession', form)).status).toBe('inSession');
    const { sessions } = await callers.patrolNear.plugins.mediation.sessions({ id: disputeId });
    expect(sessions).toEqual([expect.objectContaining({ attendees: form.attendees, minutes: form.minutes, documents: ['file-1'] })]);
  });

  it('records an agreement and its follow-up visit on a clock', async () => {
    expect((await fire('lawyer', disputeId, 'reachAgreement', { terms: '楼上住户承担维修费用1200元，十日内完成。' })).status).toBe('agreed');
    clock.advance(31 * 1440);
    await runtime.scheduler.runDue();
    const notices = await runtime.db.selectFrom('notice').select(['kind']).where('record_id', '=', disputeId).execute();
    expect(notices).toEqual([{ kind: 'reminder' }]);
    expect((await fire('patrolNear', disputeId, 'followUp', { fulfilled: true, note: '已维修完毕' })).status).toBe('closed');
    const { followUps, panel } = await callers.mediator.plugins.mediation.sessions({ id: disputeId });
    expect(followUps).toEqual([expect.objectContaining({ fulfilled: true })]);
    expect(panel.every((p: any) => p.released_at)).toBe(true);
  });

  it('refuses a panel it cannot fill, naming the role, and changes nothing', async () => {
    const major = await callers.dispatcher.entity.create({ entity: 'mediationCase', orgUnitId: 'hj-lyc', data: { title: '土地承包纠纷', source: 'petition', difficulty: 'major' } });
    const error = await fire('dispatcher', major.id, 'formPanel').catch((e: any) => e);
    expect(error.code).toBe('CONFLICT');
    // The judicial and police officers serve another subdistrict; the district-wide lawyer can sit.
    expect(error.cause.issues.map((i: any) => i.path)).toEqual(['/panel/policeOfficer', '/panel/judicialOfficer']);
    expect((await runtime.entities.get(systemContext(), 'mediationCase', major.id)).status).toBe('intake');
    expect(await runtime.db.selectFrom('md_panel').select('role').where('mediation_id', '=', major.id).execute()).toEqual([]);
  });

  it('takes court pushes once per reference and returns the outcome to the court', async () => {
    ({ key: courtKey } = await callers.admin.plugins.mediation.issueCourtKey({ label: '惠济区人民法院' }));
    await expect(callers.dispatcher.plugins.mediation.issueCourtKey({ label: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const push = { courtRef: '(2026)豫0108民诉前调1号', title: '买卖合同欠款纠纷', orgUnitId: GRID, difficulty: 'routine', parties: [{ name: '王五', side: 'applicant' }] };
    expect((await courtCall('POST', ['court-cases'], push, 'wrong')).status).toBe(401);
    const bad = await courtCall('POST', ['court-cases'], { ...push, courtRef: 'X-2', orgUnitId: 'nowhere', difficulty: 'hard' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues.map((i: any) => i.path).sort()).toEqual(['/difficulty', '/orgUnitId']);
    const first = await (await courtCall('POST', ['court-cases'], push)).json();
    expect(first).toMatchObject({ status: 'intake', created: true });
    expect(await (await courtCall('POST', ['court-cases'], push)).json()).toEqual({ ...first, created: false });

    await fire('mediator', first.mediationId, 'formPanel');
    await fire('mediator', first.mediationId, 'referToCourt', { reason: '被申请人拒绝调解' });
    const polled = await (await courtCall('GET', ['court-cases', push.courtRef])).json();
    expect(polled).toMatchObject({ status: 'referred', outcome: { outcome: 'referredToCourt', reason: '被申请人拒绝调解' } });

    clock.advance(1);
    await runtime.scheduler.runDue(); // the court answers 503: kept, retried
    expect(await runtime.db.selectFrom('md_court_outbox').select(['status', 'attempts', 'last_error']).execute()).toEqual([{ status: 'pending', attempts: 1, last_error: 'HTTP 503' }]);
    clock.advance(1);
    await runtime.scheduler.runDue();
    expect(court.received).toEqual([expect.objectContaining({ courtRef: push.courtRef, outcome: 'referredToCourt', mediationId: first.mediationId })]);
    expect((await runtime.db.selectFrom('md_court_outbox').select('status').executeTakeFirstOrThrow()).status).toBe('delivered');
  });

  it('reports statistics per risk type and outcome within the reader’s scope', async () => {
    const all = await callers.dispatcher.plugins.mediation.stats();
    expect(all).toMatchObject({ total: 3, decided: 2, agreementRate: 0.5 });
    expect(all.byTypeAndOutcome.conflictDispute).toEqual({ agreement: 1, referredToCourt: 1, open: 1 });
    expect(all.byDifficulty.major).toEqual({ open: 1 });
    const mediator = await callers.mediator.plugins.mediation.stats();
    expect(mediator.total).toBe(2);
  });

  it('opens a mediation case from the district workflow’s startMediation transition', async () => {
    const report = await callers.worker.entity.create({ entity: 'incidentCase', orgUnitId: GRID, data: { title: '宅基地边界纠纷', category: 'disputes', channel: 'gridReport', reportedAt: clock.now().toISOString() } });
    await callers.worker.case.fire({ entity: 'incidentCase', id: report.id, transition: 'accept' });
    await callers.worker.case.fire({ entity: 'incidentCase', id: report.id, transition: 'startMediation' });
    const opened = await runtime.entities.list(systemContext(), 'mediationCase', { search: '宅基地' });
    expect(opened.items).toEqual([expect.objectContaining({ orgUnitId: GRID, status: 'intake', data: expect.objectContaining({ source: 'gridReport', sourceCaseId: report.id }) })]);
  });
});
