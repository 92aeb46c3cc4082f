import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../entities';
import { rotateChannelKey } from '../intake';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { handleOpen311 } from './open311-http';

const BASE = 'http://gridwork.test';

describe.each(dialects())('Open311 GeoReport v2 on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let apiKey: string;
  let clock = Date.parse('2026-09-07T02:00:00Z');

  const call = (path: string, init: { method?: string; form?: Record<string, string>; lang?: string } = {}) =>
    handleOpen311(
      runtime,
      new Request(`${BASE}/open311/v2/${path}`, {
        method: init.method ?? (init.form ? 'POST' : 'GET'),
        headers: { 'x-gridwork-lang': init.lang ?? 'en', ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      }),
      path.split('?')[0].split('/'),
    );
  const json = async (path: string, init?: Parameters<typeof call>[1]) => {
    const res = await call(path, init);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };
  const xml = async (path: string, init?: Parameters<typeof call>[1]) => {
    const res = await call(path, init);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };
  const cases = async () => Number((await runtime.db.selectFrom('ent_incidentCase').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  // The spec's POST example, moved to Xigong (a pothole-like water leak on 和平路).
  const example = (over: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: 'utilities.water',
    lat: '34.676',
    long: '112.43',
    address_string: '西工区和平路 12 号',
    email: 'smith@example.com',
    device_id: 'tt222111',
    account_id: '123456',
    first_name: 'john',
    last_name: 'smith',
    phone: '13800138000',
    description: 'A large leak in the street',
    media_url: 'http://example.com/media/638344.jpg',
    'attribute[urgency]': 'urgent',
    ...over,
  });

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { now: () => new Date(clock) }));
    apiKey = await rotateChannelKey(runtime.db, 'open311', new Date());
  });
  afterAll(() => close());

  it('discovery (JSON and XML) names the endpoint, the spec and both formats', async () => {
    const d = await json('discovery.json');
    expect(d.type).toBe('application/json; charset=utf-8');
    expect(Object.keys(d.body)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(d.body.endpoints).toEqual([{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${BASE}/open311/v2`, changeset: expect.any(String), type: 'production', formats: ['text/xml', 'application/json'] }]);
    const x = await xml('discovery.xml');
    expect(x.type).toBe('text/xml; charset=utf-8');
    expect(x.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>[^<]+<\/changeset><contact>Smart Xigong<\/contact><key_service>[^<]+<\/key_service><endpoints><endpoint><specification>http:\/\/wiki.open311.org\/GeoReport_v2<\/specification>/);
    expect(x.body).toContain('<formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>');
  });

  it('services are our categories, shaped as in the spec example', async () => {
    const { body } = await json('services.json');
    expect(body).toHaveLength(runtime.bundle.district.categories.length);
    expect(body.find((s: { service_code: string }) => s.service_code === 'safety.fireLane')).toEqual({
      service_code: 'safety.fireLane',
      service_name: 'Blocked fire lane',
      description: 'Blocked fire lane',
      metadata: true,
      type: 'realtime',
      keywords: '消防通道, 堵塞, 占用',
      group: 'Safety hazard',
    });
    const zh = await xml('services.xml', { lang: 'zh-CN' });
    expect(zh.body).toContain(
      '<service><service_code>safety.fireLane</service_code><service_name>消防通道堵塞</service_name><description>消防通道堵塞</description><metadata>true</metadata><type>realtime</type><keywords>消防通道, 堵塞, 占用</keywords><group>安全隐患</group></service>',
    );
    expect(zh.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service>/);
  });

  it('a service definition lists the case form fields the standard parameters do not cover', async () => {
    const { body } = await json('services/utilities.water.json');
    expect(body.service_code).toBe('utilities.water');
    expect(body.attributes.map((a: { code: string }) => a.code)).toEqual(['title', 'urgency']);
    expect(body.attributes[1]).toEqual({
      variable: true,
      code: 'urgency',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: '',
      order: 2,
      description: 'Urgency',
      values: [
        { key: 'normal', name: 'Normal' },
        { key: 'urgent', name: 'Urgent' },
        { key: 'critical', name: 'Critical' },
      ],
    });
    const x = await xml('services/utilities.water.xml', { lang: 'zh-CN' });
    expect(x.body).toContain('<attribute><variable>true</variable><code>urgency</code><datatype>singlevaluelist</datatype><required>false</required><datatype_description/><order>2</order><description>紧急程度</description><values><value><key>normal</key><name>一般</name></value>');
    const missing = await json('services/nonsense.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: 'unknown service_code "nonsense"' }]);
  });

  let created = '';
  let token = '';
  it('POST requests creates a case through the Open311 channel (JSON and XML responses)', async () => {
    const before = await cases();
    const res = await json('requests.json', { form: example() });
    expect(res.status).toBe(201);
    expect(res.body).toEqual([{ service_request_id: expect.any(String), token: expect.any(String), service_notice: '', account_id: null }]);
    ({ service_request_id: created, token } = res.body[0]);
    const record = await runtime.entities.get(systemContext('en'), 'incidentCase', created);
    expect(record.data).toMatchObject({ channel: 'open311', category: 'utilities.water', urgency: 'urgent', title: 'A large leak in the street', address: '西工区和平路 12 号', reporterName: 'smithjohn', reporterPhone: '13800138000' });
    expect(record.data.description).toContain('media_url: http://example.com/media/638344.jpg');
    expect(record.createdBy).toBe('channel:open311');
    const x = await xml('requests.xml', { form: example({ description: '井盖缺失', service_code: 'urban.environment' }) });
    expect(x.status).toBe(201);
    expect(x.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>[^<]+<\/service_request_id><token>[^<]+<\/token><service_notice\/><account_id\/><\/request><\/service_requests>$/);
    expect(await cases()).toBe(before + 2);
  });

  it('errors: 403 for a bad or missing api_key, 400 for bad parameters, 404 for unknown resources; nothing written', async () => {
    const before = await cases();
    const noKey = await json('requests.json', { form: example({ api_key: '' }) });
    expect(noKey.status).toBe(403);
    expect(noKey.body).toEqual([{ code: 403, description: "Invalid api_key received -- can't proceed with create_request." }]);
    const badKey = await xml('requests.xml', { form: example({ api_key: 'gw_guess' }) });
    expect(badKey.status).toBe(403);
    expect(badKey.body).toBe(`<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>Invalid api_key received -- can't proceed with create_request.</description></error></errors>`);
    // A REST channel's key is not an Open311 key.
    const restKey = await rotateChannelKey(runtime.db, 'hotline12345', new Date());
    expect((await json('requests.json', { form: example({ api_key: restKey }) })).status).toBe(403);

    const missing = await json('requests.json', { form: example({ service_code: '' }) });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual([{ code: 400, description: 'service_code is required' }]);
    expect((await json('requests.json', { form: example({ service_code: 'potholes' }) })).body[0].description).toMatch(/unknown service_code "potholes"/);
    const nowhere = await json('requests.json', { form: example({ lat: '', long: '', address_string: '' }) });
    expect(nowhere.body[0].description).toMatch(/a location is required/);
    expect((await json('requests.json', { form: example({ lat: '134.6' }) })).body[0].description).toMatch(/\/location\/lat/);
    expect((await json('requests.json', { form: example({ 'attribute[urgency]': 'yesterday' }) })).status).toBe(400);
    expect((await json('requests.json', { form: example({ phone: '12' }) })).status).toBe(400);
    expect(await cases()).toBe(before);

    expect((await json('nothing.json')).status).toBe(404);
    expect((await json('requests/does-not-exist.json')).body).toEqual([{ code: 404, description: 'resource not found' }]);
    expect((await xml('services')).status).toBe(404);
    expect((await json('services.json?jurisdiction_id=atlantis')).status).toBe(404);
  });

  it('GET requests/{id}: public fields only, status open/closed with status_notes', async () => {
    const [open] = (await json(`requests/${created}.json`)).body;
    expect(open).toMatchObject({ service_request_id: created, status: 'open', status_notes: null, service_code: 'utilities.water', service_name: 'Water supply', lat: 34.676, long: 112.43, address: '西工区和平路 12 号', requested_datetime: '2026-09-07T02:00:00.000Z' });
    expect(Object.keys(open)).toEqual(['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']);
    expect(JSON.stringify(open)).not.toContain('13800138000');
    expect([open.description, open.media_url]).toEqual(['A large leak in the street', 'http://example.com/media/638344.jpg']);
    expect(open.expected_datetime).toMatch(/Z$/);
    await runtime.workflow.fire(systemContext('en'), 'incidentCase', created, 'reject', { form: { reason: 'Duplicate request.' } });
    const [closed] = (await json(`requests/${created}.json`)).body;
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'Duplicate request.' });
    const x = await xml(`requests/${created}.xml`);
    expect(x.body).toContain(`<service_requests><request><service_request_id>${created}</service_request_id><status>closed</status><status_notes>Duplicate request.</status_notes>`);
    expect((await json(`tokens/${token}.json`)).body).toEqual([{ service_request_id: created, token }]);
    expect((await json('tokens/unknown.json')).status).toBe(404);
  });

  it('GET requests filters by id, service, status and dates, and pages with page/page_size', async () => {
    for (const [i, code] of ['safety.building', 'safety.building', 'safety.building'].entries()) {
      clock = Date.UTC(2026, 8, 8 + i, 2);
      expect((await json('requests.json', { form: example({ service_code: code, description: `墙面脱落 ${i}` }) })).status).toBe(201);
    }
    const all = (await json('requests.json')).body;
    expect(all).toHaveLength(5);
    expect(all.map((r: { requested_datetime: string }) => r.requested_datetime)).toEqual([...all.map((r: { requested_datetime: string }) => r.requested_datetime)].sort().reverse());
    expect((await json('requests.json?status=closed')).body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([created]);
    expect((await json('requests.json?status=open')).body).toHaveLength(4);
    expect((await json('requests.json?service_code=safety.building')).body).toHaveLength(3);
    expect((await json(`requests.json?service_request_id=${created},${all[0].service_request_id}`)).body).toHaveLength(2);
    expect((await json('requests.json?start_date=2026-09-08T00:00:00Z&end_date=2026-09-09T12:00:00%2B08:00')).body.map((r: { description: string }) => r.description)).toEqual(['墙面脱落 1', '墙面脱落 0']);
    const page2 = (await json('requests.json?service_code=safety.building&page_size=2&page=2')).body;
    expect(page2.map((r: { description: string }) => r.description)).toEqual(['墙面脱落 0']);
    expect((await json('requests.json?page_size=0')).status).toBe(400);
    expect((await json('requests.json?start_date=yesterday')).body[0].description).toMatch(/start_date/);
    expect((await json('requests.json?status=pending')).status).toBe(400);
  });
});
