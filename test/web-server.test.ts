import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from './test-database';
import { ensureWebBuild, freePort } from './web-app';

const CLI = ['--import', 'tsx', 'core/cli/main.ts'];

async function waitForHealth(url: string, child: ChildProcess, log: () => string, ms = 240_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

describe('serve refuses to start on an invalid config', () => {
  it('prints the config errors and exits non-zero, with no stack trace', () => {
    const res = spawnSync(process.execPath, [...CLI, 'serve'], {
      encoding: 'utf8',
      env: { ...process.env, DISTRICT: 'atlantis', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gw-srv-')), GRIDWORK_LANG: 'en' },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/configs\/atlantis\/district\.json → \/ → file not found/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.each(dialects())('the web server on %s', (dialect) => {
  let child: ChildProcess;
  let base: string;
  let database: TestDatabase;
  let output = '';
  let env: NodeJS.ProcessEnv = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      GRIDWORK_NEXT_DIST: await ensureWebBuild(inject('runId')),
      PORT: String(port),
      DISTRICT: 'xigong',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gw-srv-')),
      DATABASE_URL: database.url ?? '',
    };
    child = spawn(process.execPath, [...CLI, 'serve', '--demo'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitForHealth(`${base}/api/health`, child, () => output);
  }, 1_500_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await database?.drop();
  });

  it('GET /api/health answers with the district and database', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', district: 'xigong', db: dialect });
  });

  let cookie = '';
  it('signed out, the home page sends you to sign in; signed in, it shows your scope in Chinese', async () => {
    const anonymous = await fetch(`${base}/`, { redirect: 'manual' });
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get('location')).toMatch(/\/login$/);
    expect(await (await fetch(`${base}/login`)).text()).toContain('智慧西工');
    const signIn = await fetch(`${base}/api/auth/sign-in/username`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: 'dispatcher', password: 'Gridwork@2026' }),
    });
    expect(signIn.status).toBe(200);
    cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const html = await (await fetch(`${base}/`, { headers: { cookie } })).text();
    expect(html).toContain('最新上报事件');
    expect(html).toContain('指挥调度中心调度员');
    const en = await (await fetch(`${base}/`, { headers: { cookie: `${cookie}; lang=en` } })).text();
    expect(en).toContain('Latest reports');
  });

  it('tRPC over HTTP: a valid write succeeds, user errors are 4xx never 500', async () => {
    expect((await fetch(`${base}/api/trpc/entity.list?input=${encodeURIComponent('{"entity":"incidentCase"}')}`)).status).toBe(401);
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/trpc/entity.create`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body });
    const ok = await post(
      JSON.stringify({ entity: 'incidentCase', orgUnitId: 'xg-wcl-c01-g04', data: { title: '路面渗水', category: 'utilities.water', channel: 'gridReport', reportedAt: '2026-09-05T02:00:00Z' } }),
    );
    expect(ok.status).toBe(200);
    const invalid = await post(JSON.stringify({ entity: 'incidentCase', orgUnitId: 'xg-wcl-c01-g04', data: { title: 'x' } }), { 'x-gridwork-lang': 'en' });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error.data.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['/title', '/category']));
    expect((await post('{"entity": "incidentCase", ')).status).toBe(400);
    expect((await post(JSON.stringify({ entity: 'incidentCase', orgUnitId: 'x', data: { description: 'x'.repeat(2_000_000) } }))).status).toBe(413);
    const stale = await fetch(`${base}/api/trpc/entity.get?input=${encodeURIComponent(JSON.stringify({ entity: 'incidentCase', id: 'nope' }))}`, { headers: { cookie } });
    expect(stale.status).toBe(404);
  });

  it('channel intake over HTTP: key from the CLI, idempotent posts, 401/404/400/409 with nothing half-written', async () => {
    const cli = spawnSync(process.execPath, [...CLI, 'channel', 'key', 'hotline12345'], { encoding: 'utf8', env });
    // The previous test's refused 2 MB body leaves a pooled connection the server closed: spend it here.
    await fetch(`${base}/api/health`).catch(() => {});
    expect(cli.status, cli.stderr).toBe(0);
    const key = cli.stdout.trim().split('\n').pop()!;
    expect(key).toMatch(/^gw_/);
    const payload = { title: '中州路供水管破裂', type: '供水', gps: { lng: 112.43, lat: 34.67 }, acceptTime: '2026-09-05 10:00:07' };
    const send = (channel: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/channels/${channel}/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers }, body });
    const list = async () => {
      const res = await fetch(`${base}/api/trpc/entity.list?input=${encodeURIComponent(JSON.stringify({ entity: 'incidentCase', filter: { channel: 'hotline12345', reportedAt: '2026-09-05T02:00:07.000Z' } }))}`, { headers: { cookie } });
      return (await res.json()).result.data.items.length as number;
    };
    const first = await send('hotline12345', JSON.stringify(payload), { 'idempotency-key': 'http-1' });
    expect(first.status).toBe(201);
    const created = await first.json();
    const again = await send('hotline12345', JSON.stringify(payload), { 'idempotency-key': 'http-1' });
    expect(await again.json()).toEqual(created);
    const count = await list();
    expect(count).toBe(1);
    expect((await send('hotline12345', JSON.stringify({ ...payload, title: '另一件事' }), { 'idempotency-key': 'http-1' })).status).toBe(409);
    expect((await send('hotline12345', JSON.stringify(payload), { authorization: 'Bearer gw_wrong' })).status).toBe(401);
    expect((await send('nosuchchannel', JSON.stringify(payload))).status).toBe(404);
    expect((await send('hotline12345', '{"title":')).status).toBe(400);
    const outOfRange = await send('hotline12345', JSON.stringify({ ...payload, gps: { lng: 112.43, lat: 134.67 } }));
    expect(outOfRange.status).toBe(400);
    expect((await outOfRange.json()).error.issues[0].path).toBe('/gps/lat');
    expect(await list()).toBe(count);
    const openapi = await (await fetch(`${base}/api/openapi.json`)).json();
    expect(openapi.paths['/api/channels/{channel}/cases'].post.parameters[0].schema.enum).toContain('hotline12345');
  });

  it('uploads and Open311 over HTTP', async () => {
    const jpeg = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');
    const start = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ filename: 'a.jpg', size: jpeg.length }) });
    expect(start.status).toBe(201);
    const { id } = await start.json();
    const done = await fetch(`${base}/api/uploads/${id}`, { method: 'PATCH', headers: { 'upload-offset': '0', cookie }, body: jpeg });
    expect((await done.json()).file.mimeType).toBe('image/jpeg');
    const head = await fetch(`${base}/api/uploads/${id}`, { method: 'HEAD', headers: { cookie } });
    expect(head.headers.get('upload-offset')).toBe(String(jpeg.length));
    expect((await fetch(`${base}/api/uploads/${id}`, { headers: { cookie } })).headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ filename: 'big.mp4', size: 50 * 1024 * 1024 }) })).status).toBe(413);
    expect((await fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);

    const services = await fetch(`${base}/open311/v2/services.xml`);
    expect(services.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await services.text()).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    const denied = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: 'service_code=safety&lat=34.67&long=112.43', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-gridwork-lang': 'en' } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual([{ code: 403, description: "Invalid api_key received -- can't proceed with create_request." }]);
    expect((await fetch(`${base}/open311/v2/unknown.json`)).status).toBe(404);
  });

  it('plugin REST routes answer 404 for a plugin this district does not enable', async () => {
    const res = await fetch(`${base}/api/plugins/silver-care/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('notFound');
    const ui = await (await fetch(`${base}/api/trpc/district.plugins`)).json();
    expect(ui.result.data).toEqual([]);
  });
});
