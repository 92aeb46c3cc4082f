import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { checkDistrict, type Channel } from '../config';
import { ConfigError } from '../errors';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { expectError } from '../../test/expect-error';
import { handleChannelPost } from './channel-http';
import { runChannelKey } from './channel-cli';
import { mapPayload } from './payload-mapping';

const hotlinePayload = (over: Record<string, unknown> = {}) => ({
  title: '和平路供水管破裂',
  content: '路口地面大量渗水',
  type: '供水',
  address: '西工区和平路与中州路交叉口',
  gps: { lng: 112.43, lat: 34.67 },
  acceptTime: '2026-09-05 10:00:00',
  caller: { name: '王先生', phone: '13800138000' },
  level: '紧急',
  ...over,
});

describe('payload mapping (no database)', () => {
  const mapping = JSON.parse(readFileSync('configs/xigong/district.json', 'utf8')).channels.find((c: Channel) => c.key === 'hotline12345').mapping;
  it('follows paths, value maps, conversions and reads local dates in the district zone', () => {
    const { data, issues } = mapPayload(hotlinePayload({ gps: { lng: '112.43', lat: 34.67 } }), mapping, { channel: 'hotline12345', timeZone: 'Asia/Shanghai', lang: 'en' });
    expect(issues).toEqual([]);
    expect(data).toMatchObject({
      title: '和平路供水管破裂',
      description: '路口地面大量渗水',
      category: 'utilities.water',
      channel: 'hotline12345',
      location: { lng: 112.43, lat: 34.67 },
      reportedAt: '2026-09-05T02:00:00.000Z',
      urgency: 'urgent',
      reporterPhone: '13800138000',
    });
  });
  it('names the payload path of each problem', () => {
    const { issues } = mapPayload(hotlinePayload({ title: undefined, acceptTime: '05/09/2026', gps: { lng: 'east', lat: 34 } }), mapping, { channel: 'hotline12345', timeZone: 'Asia/Shanghai', lang: 'en' });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/title', 'missingValue'],
      ['/gps/lng', 'notNumber'],
      ['/acceptTime', 'badDate'],
    ]);
  });
});

/** A copy of Xigong whose hotline12345 channel is edited by `edit`; returns the check's issues and the channel's pointer. */
function checkEdited(edit: (hotline: any) => void) {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gw-intake-')), 'xigong');
  cpSync('configs/xigong', dir, { recursive: true });
  const file = path.join(dir, 'district.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const hotline = json.channels.find((c: Channel) => c.key === 'hotline12345');
  edit(hotline);
  writeFileSync(file, JSON.stringify(json));
  const { bundle, issues } = checkDistrict(dir, 'en');
  expect(bundle).toBeUndefined();
  expect(issues.every((x) => x.file?.endsWith('district.json'))).toBe(true);
  const base = `/channels/${json.channels.indexOf(hotline)}`;
  return (p: string) => issues.find((x) => x.path === `${base}${p}`);
}

describe('config check of channel mappings', () => {
  it('names file → JSON pointer for bad targets, values, date formats and states', () => {
    const at = checkEdited((hotline) => {
      hotline.mapping.fields['/nosuch'] = { from: '/x' };
      hotline.mapping.fields['/location/alt'] = { from: '/gps/alt' };
      hotline.mapping.fields['/category'].map['路灯'] = 'streetLights';
      hotline.mapping.fields['/urgency'] = { const: 'whenever' };
      hotline.mapping.fields['/reportedAt'].dateFormat = 'dd.MM.yyyy um HH';
      hotline.mapping.fields['/address'] = { from: '/a', const: 'x' };
      hotline.outbound[0].on = ['vanished'];
    });
    expect(at('/mapping/fields/~1nosuch')?.message).toMatch(/not a field of entity "incidentCase"/);
    expect(at('/mapping/fields/~1location~1alt')).toBeDefined();
    expect(at('/mapping/fields/~1category/map/路灯')?.message).toMatch(/"streetLights" is not allowed/);
    expect(at('/mapping/fields/~1urgency/const')).toBeDefined();
    expect(at('/mapping/fields/~1reportedAt/dateFormat')).toBeDefined();
    expect(at('/mapping/fields/~1address')?.message).toMatch(/exactly one of "from" and "const"/);
    expect(at('/outbound/0/on/0')?.message).toMatch(/unknown state "vanished"/);
  });
  it('a payload path that is not a JSON pointer fails the schema', () => {
    const at = checkEdited((hotline) => (hotline.mapping.fields['/title'] = { from: 'title' }));
    expect(at('/mapping/fields/~1title/from')?.message).toMatch(/pattern/);
  });
});

describe.each(dialects())('channel intake on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let key: string;
  const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    handleChannelPost(
      runtime.intake,
      new Request(`http://x/api/channels/${channel}/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-gridwork-lang': 'en', authorization: `Bearer ${key}`, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
      channel,
      'en',
    );
  const counts = async () => {
    const n = async (table: string) => Number((await runtime.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { cases: await n('ent_incidentCase'), letters: await n('dead_letter'), requests: await n('intake_request'), audit: await n('audit_log') };
  };

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    key = await runChannelKey(runtime, 'hotline12345', 'en', () => {});
  });
  afterAll(() => close());

  it('rotating a key prints a new one; only its hash is stored and the old key stops working', async () => {
    const lines: string[] = [];
    const old = key;
    key = await runChannelKey(runtime, 'hotline12345', 'en', (l) => lines.push(l));
    expect(lines[1]).toBe(key);
    expect(key).not.toBe(old);
    const stored = await runtime.db.selectFrom('channel_key').selectAll().where('channel', '=', 'hotline12345').executeTakeFirstOrThrow();
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key.slice(8));
    expect((await post('hotline12345', hotlinePayload(), { authorization: `Bearer ${old}` })).status).toBe(401);
    await expectError(runChannelKey(runtime, 'gridReport', 'en', () => {}), Error);
  });

  it('creates the case as the channel; a retried post returns the same case and never a second', async () => {
    const before = await counts();
    const first = await post('hotline12345', hotlinePayload(), { 'idempotency-key': 'call-0001' });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ channel: 'hotline12345', status: 'reported' });
    const again = await post('hotline12345', hotlinePayload(), { 'idempotency-key': 'call-0001', authorization: '', 'x-api-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    expect((await counts()).cases).toBe(before.cases + 1);
    const row = await runtime.db.selectFrom('ent_incidentCase').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe('channel:hotline12345');
    expect(row.category).toBe('utilities.water');
    expect(row.reportedAt).toBe('2026-09-05T02:00:00.000Z');
    const audit = await runtime.db.selectFrom('audit_log').selectAll().where('subject_id', '=', body.id).executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe('channel:hotline12345');
  });

  it('refuses bad input with clear errors and writes nothing', async () => {
    const before = await counts();
    const reused = await post('hotline12345', hotlinePayload({ title: '别的事' }), { 'idempotency-key': 'call-0001' });
    expect(reused.status).toBe(409);
    expect((await reused.json()).error.message).toMatch(/different body/);
    expect((await post('hotline12345', hotlinePayload(), { authorization: 'Bearer gw_wrong' })).status).toBe(401);
    expect((await post('hotline12345', hotlinePayload(), { authorization: '' })).status).toBe(401);
    expect((await post('leaderBoard', hotlinePayload())).status).toBe(401);
    expect((await post('atlantis', hotlinePayload())).status).toBe(404);
    expect((await post('gridReport', hotlinePayload())).status).toBe(404);
    expect((await post('open311', hotlinePayload())).status).toBe(404);
    const malformed = await post('hotline12345', '{"title": "x",', { 'idempotency-key': 'call-0002' });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/malformed JSON/);
    expect((await post('hotline12345', '[1, 2]')).status).toBe(400);
    expect((await post('hotline12345', 'x'.repeat(300_000))).status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('coordinates out of range: 400 naming the sender field, no case, kept as a dead letter', async () => {
    const before = await counts();
    const res = await post('hotline12345', hotlinePayload({ gps: { lng: 212.4, lat: 34.6 } }), { 'idempotency-key': 'call-0003' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues).toEqual([expect.objectContaining({ path: '/gps/lng', message: expect.stringMatching(/case field \/location\/lng/) })]);
    expect(body.deadLetterId).toBeTruthy();
    const after = await counts();
    expect(after.cases).toBe(before.cases);
    expect(after.letters).toBe(before.letters + 1);
  });

  it('dead letters: admins list, inspect and replay them after the mapping is fixed; the sender retry then gets that case', async () => {
    const admin = createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'districtAdmin', unitId: 'xg' }]) }));
    const worker = createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' }]) }));
    // The 12345 system renamed its field: the mapping's /title no longer finds a title.
    const payload = hotlinePayload({ title: undefined, subject: '中州路井盖缺失' });
    const res = await post('hotline12345', payload, { 'idempotency-key': 'call-0004' });
    expect(res.status).toBe(400);
    const { deadLetterId, error } = await res.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(['/title']);

    await expect(worker.intake.deadLetters({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(worker.intake.replay({ id: deadLetterId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const open = await admin.intake.deadLetters({ status: 'open', channel: 'hotline12345' });
    expect(open.map((l) => l.id)).toContain(deadLetterId);
    const letter = await admin.intake.deadLetter({ id: deadLetterId });
    expect(letter.payload).toMatchObject({ subject: '中州路井盖缺失' });

    const before = await counts();
    await expect(admin.intake.replay({ id: deadLetterId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await counts()).cases).toBe(before.cases);
    expect((await admin.intake.deadLetter({ id: deadLetterId })).status).toBe('open');

    const hotline = structuredClone(runtime.channels.get('hotline12345')!);
    hotline.mapping!.fields['/title'] = { from: '/subject', as: 'string', required: true };
    expect(() => runtime.channels.register({ ...hotline, mapping: { fields: { '/nope': { from: '/x' } } } }, { source: 'test', replace: true })).toThrow(ConfigError);
    runtime.channels.register(hotline, { source: 'test', replace: true });
    const replayed = await admin.intake.replay({ id: deadLetterId });
    expect(replayed.letter.status).toBe('resolved');
    expect((await admin.intake.deadLetter({ id: deadLetterId })).recordId).toBe(replayed.record.id);
    await expect(admin.intake.replay({ id: deadLetterId })).rejects.toMatchObject({ code: 'CONFLICT' });

    const retry = await post('hotline12345', payload, { 'idempotency-key': 'call-0004' });
    expect(retry.status).toBe(201);
    expect((await retry.json()).id).toBe(replayed.record.id);
    expect((await counts()).cases).toBe(before.cases + 1);
  });

  it('a failure inside the create transaction leaves no case and no settled key; the retry creates one case', async () => {
    // The earlier test re-mapped /title to the payload's /subject.
    let failing = true;
    runtime.entities.afterCreate(async () => {
      if (failing) throw new Error('disk full');
    });
    const before = await counts();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    const broken = await post('hotline12345', hotlinePayload({ subject: '原子性检查' }), { 'idempotency-key': 'call-atomic' });
    console.error = original;
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(errors).toHaveLength(1);
    expect((await counts()).cases).toBe(before.cases);
    const row = await runtime.db.selectFrom('intake_request').selectAll().where('idempotency_key', '=', 'call-atomic').executeTakeFirstOrThrow();
    expect([row.status, row.record_id]).toEqual(['rejected', null]);
    failing = false;
    const retry = await post('hotline12345', hotlinePayload({ subject: '原子性检查' }), { 'idempotency-key': 'call-atomic' });
    expect(retry.status).toBe(201);
    expect((await counts()).cases).toBe(before.cases + 1);
  });

  it('a plugin registers a new source, checked like configured channels', async () => {
    runtime.channels.register(
      { key: 'wristbandVendor', label: { 'zh-CN': '手环厂商' }, kind: 'external', coordinateSystem: 'WGS84', mapping: { fields: { '/title': { const: '手环跌倒报警' }, '/category': { const: 'services.elderCare' }, '/reportedAt': { from: '/ts', as: 'date', dateFormat: 'epochSeconds' } } } },
      { source: 'plugins/wristband' },
    );
    expect(() => runtime.channels.register({ key: 'wristbandVendor', label: { 'zh-CN': 'x' }, kind: 'external' }, { source: 'plugins/other' })).toThrow(ConfigError);
    key = await runChannelKey(runtime, 'wristbandVendor', 'en', () => {});
    const res = await post('wristbandVendor', { ts: 1788573600 });
    expect(res.status).toBe(201);
  });
});

describe('the OpenAPI document', () => {
  it('lists this district\'s REST channels with their mappings, and the upload endpoints', async () => {
    const { loadDistrict } = await import('../config');
    const { ChannelRegistry } = await import('./channel-registry');
    const { openApiDocument } = await import('./openapi');
    const bundle = loadDistrict('configs/huiji');
    const doc = openApiDocument(new ChannelRegistry(bundle), { id: 'huiji', name: '惠济区' });
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/channels/{channel}/cases'].post;
    expect(post.parameters[0].schema.enum).toEqual(expect.arrayContaining(['hotline12345', 'lawsuit', 'police110']));
    expect(post.parameters[0].schema.enum).not.toContain('gridReport');
    expect(post.parameters[0].schema.enum).not.toContain('open311');
    expect(post.description).toContain('/reportedAt ← /pushedAt');
    expect(Object.keys(post.responses)).toEqual(['201', '400', '401', '404', '409', '413']);
    expect(Object.keys(doc.paths)).toEqual(['/api/channels/{channel}/cases', '/api/uploads', '/api/uploads/{id}', '/api/uploads/{id}/thumbnail']);
  });
});
