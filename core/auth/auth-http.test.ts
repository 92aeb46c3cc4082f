import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleTrpcRequest } from '../api';
import { verifyAudit } from '../audit';
import { createRuntime, optionsFromEnv, type Runtime } from '../runtime';
import { seedDemoAccounts, DEMO_PASSWORD } from '../seed';
import { createTestRuntime, dialects } from '../../test/test-database';
import { MAX_FAILURES } from './login-throttle';

const BASE = 'http://localhost:3000';

async function signIn(runtime: Runtime, username: string, password: string) {
  return runtime.auth.handler(
    new Request(`${BASE}/api/auth/sign-in/username`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE },
      body: JSON.stringify({ username, password }),
    }),
  );
}

const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

async function call(runtime: Runtime, procedure: string, cookie: string, input?: unknown) {
  const url = `${BASE}/api/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
  return handleTrpcRequest(runtime, new Request(url, { headers: { cookie } }));
}

describe.each(dialects())('sign-in and sessions over HTTP on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    await seedDemoAccounts(runtime);
  });
  afterAll(() => close());

  it('signs in with username and password into an http-only cookie; the session identifies the user', async () => {
    const res = await signIn(runtime, 'gridworker', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/gridwork\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const me = await call(runtime, 'me.session', cookieOf(res));
    const body = await me.json();
    expect(body.result.data.username).toBe('gridworker');
    expect(body.result.data.assignments[0].role).toBe('gridWorker');
    const list = await call(runtime, 'entity.list', cookieOf(res), { entity: 'incidentCase' });
    expect(list.status).toBe(200);
  });

  it('a wrong password is a 401, audited; passwords are stored hashed', async () => {
    const res = await signIn(runtime, 'dispatcher', 'not-the-password');
    expect(res.status).toBe(401);
    const failed = await runtime.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'signInFailed').execute();
    expect(failed.some((f) => f.subject_id === 'dispatcher')).toBe(true);
    const stored = await runtime.db.selectFrom('account').select(['password']).execute();
    expect(stored.every((a) => a.password && !a.password.includes(DEMO_PASSWORD))).toBe(true);
    const audit = JSON.stringify(await runtime.db.selectFrom('audit_log').selectAll().execute());
    expect(audit).not.toContain('not-the-password');
    expect(audit).not.toContain(DEMO_PASSWORD);
  });

  it(`throttles a username after ${MAX_FAILURES} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect((await signIn(runtime, 'resident', `guess-${i}`)).status).toBe(401);
    const blocked = await signIn(runtime, 'resident', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/too many failed sign-ins|登录失败次数过多/);
    // Other usernames are unaffected.
    expect((await signIn(runtime, 'districtadmin', DEMO_PASSWORD)).status).toBe(200);
  });

  it('a forged or expired session cookie is a 401', async () => {
    const forged = await call(runtime, 'entity.list', 'gridwork.session_token=forged.value', { entity: 'incidentCase' });
    expect(forged.status).toBe(401);
    const res = await signIn(runtime, 'communitysecretary', DEMO_PASSWORD);
    const cookie = cookieOf(res);
    expect((await call(runtime, 'entity.list', cookie, { entity: 'incidentCase' })).status).toBe(200);
    const past = dialect === 'postgres' ? new Date('2020-01-01') : new Date('2020-01-01').toISOString();
    await runtime.db.updateTable('session').set({ expiresAt: past }).execute();
    expect((await call(runtime, 'entity.list', cookie, { entity: 'incidentCase' })).status).toBe(401);
  });

  it('a disabled account cannot sign in and loses its sessions', async () => {
    const admin = cookieOf(await signIn(runtime, 'districtadmin', DEMO_PASSWORD));
    const victim = await signIn(runtime, 'subdistrictofficer', DEMO_PASSWORD);
    const victimCookie = cookieOf(victim);
    const me = (await (await call(runtime, 'me.session', victimCookie)).json()).result.data;
    const disable = await handleTrpcRequest(
      runtime,
      new Request(`${BASE}/api/trpc/user.setDisabled`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ userId: me.id, disabled: true }) }),
    );
    expect(disable.status).toBe(200);
    expect((await call(runtime, 'entity.list', victimCookie, { entity: 'incidentCase' })).status).toBe(401);
    expect((await signIn(runtime, 'subdistrictofficer', DEMO_PASSWORD)).status).toBe(403);
    const actions = (await runtime.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions).toContain('user.disable');
  });

  it('only a user with the right may create accounts; role assignments are validated', async () => {
    const gridworker = cookieOf(await signIn(runtime, 'gridworker', DEMO_PASSWORD));
    const post = (cookie: string, body: unknown) =>
      handleTrpcRequest(runtime, new Request(`${BASE}/api/trpc/user.create`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const input = { username: 'newworker', name: '新网格员', password: 'Longenough1', assignments: [{ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' }] };
    expect((await post(gridworker, input)).status).toBe(403);
    const admin = cookieOf(await signIn(runtime, 'districtadmin', DEMO_PASSWORD));
    const bad = await post(admin, { ...input, assignments: [{ role: 'gridWorker', unitId: 'xg' }, { role: 'astronaut', unitId: 'xg' }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.data.issues.map((i: { path: string }) => i.path)).toEqual(['/assignments/0/unitId', '/assignments/1/role']);
    expect((await post(admin, input)).status).toBe(200);
    expect((await post(admin, input)).status).toBe(409);
    expect((await signIn(runtime, 'newworker', 'Longenough1')).status).toBe(200);
  });

  it('changes a password: the old one stops working', async () => {
    const cookie = cookieOf(await signIn(runtime, 'departmenthandler', DEMO_PASSWORD));
    const res = await handleTrpcRequest(
      runtime,
      new Request(`${BASE}/api/trpc/me.changePassword`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: BASE },
        body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: 'A-new-password-9' }),
      }),
    );
    expect(res.status).toBe(200);
    expect((await signIn(runtime, 'departmenthandler', DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn(runtime, 'departmenthandler', 'A-new-password-9')).status).toBe(200);
  });

  it('the audit chain of everything above is intact', async () => {
    const result = await verifyAudit(runtime.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(10);
  });
});

describe('gridwork audit verify', () => {
  // Two CLI processes, each compiling its sources at start: allow minutes on a busy 2-core runner.
  it('names the entry that was changed directly in the database', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gw-audit-'));
    const runtime = await createRuntime(optionsFromEnv({} as NodeJS.ProcessEnv, { district: 'xigong', dataDir, lang: 'en' }));
    await seedDemoAccounts(runtime);
    await runtime.close();
    const env = { ...process.env, DISTRICT: 'xigong', DATA_DIR: dataDir, DATABASE_URL: '' };
    const cli = () => spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'audit', 'verify'], { encoding: 'utf8', env });
    const ok = cli();
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: \d+ entries/);
    const db = new Database(path.join(dataDir, 'xigong.sqlite'));
    db.prepare(`update audit_log set diff = '{"changed":{"name":{"after":"someone else"}}}' where seq = 4`).run();
    db.close();
    const broken = cli();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/audit log broken at entry seq 4 \(hash\)/);
  }, 180_000);
});
