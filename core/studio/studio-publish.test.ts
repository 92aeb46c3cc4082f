import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { queryAudit } from '../audit';
import { createAjv } from '../config';
import { definePlugin } from '../plugin-sdk';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { callerAs, trpcError, issuesOf } from '../../test/studio-callers';

const E = 'incidentCase';
const FILE = 'entities/incident-case.json';
const grid = 'xg-wcl-c01-g04';
const data = { title: '井盖缺失', category: 'safety.building', channel: 'gridReport', reportedAt: '2026-09-05T01:30:00.000Z' };

describe.each(dialects())('studio drafts and publishing on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let admin: ReturnType<typeof createCaller>;
  let worker: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    admin = await callerAs(runtime, [{ role: 'districtAdmin', unitId: 'xg' }]);
    worker = await callerAs(runtime, [{ role: 'gridWorker', unitId: grid }]);
  });
  afterAll(() => close());

  it('starts at version 1 from the config files, with no draft', async () => {
    const overview = await admin.studio.overview();
    expect(overview).toMatchObject({ district: 'xigong', activeVersion: 1, draft: null });
    expect(overview.files.find((f) => f.path === FILE)).toMatchObject({ kind: 'entity', name: E, inDraft: false });
    expect(overview.files.find((f) => f.path === 'org/grids.geojson')?.kind).toBe('grids');
    const versions = await admin.studio.versions();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, source: 'files', createdBy: null });
    expect(versions[0].changed).toContain('district.json');
    const schemas = await admin.studio.schemas();
    expect(Object.keys(schemas).sort()).toEqual(['district', 'entity', 'grids', 'units', 'workflow']);
    expect(JSON.stringify(schemas.entity)).not.toContain('common.schema.json');
    // Self-contained: a fresh validator with no other schema loaded compiles each and accepts the district's files.
    for (const [kind, path] of [['district', 'district.json'], ['entity', FILE], ['workflow', 'workflows/case-workflow.json'], ['units', 'org/units.json'], ['grids', 'org/grids.geojson']] as const) {
      const validate = createAjv({ strict: false }).compile(schemas[kind]);
      expect(validate((await admin.studio.file({ path })).content), `${kind}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ nonsense: true })).toBe(false);
    }
  });

  it('refuses a user without the configure right on every studio procedure', async () => {
    expect((await trpcError(worker.studio.overview())).code).toBe('FORBIDDEN');
    expect((await trpcError(worker.studio.saveFile({ path: FILE, content: {} }))).code).toBe('FORBIDDEN');
    expect((await trpcError(worker.studio.publish())).code).toBe('FORBIDDEN');
    expect((await trpcError(worker.studio.exportConfig())).code).toBe('FORBIDDEN');
    expect(await admin.studio.overview().then((o) => o.draft)).toBeNull();
  });

  it('refuses an invalid file with issues naming the JSON pointer, saving nothing', async () => {
    const { content } = await admin.studio.file({ path: FILE });
    const bad = structuredClone(content) as { schema: { properties: Record<string, unknown> } };
    bad.schema.properties.foundAt = { type: 'string', format: 'date-time', title: 42 };
    const error = await trpcError(admin.studio.saveFile({ path: FILE, content: bad }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(issuesOf(error)).toContainEqual(expect.objectContaining({ file: FILE, path: '/schema/properties/foundAt/title' }));
    expect((await admin.studio.overview()).draft).toBeNull();
    expect((await admin.studio.file({ path: FILE })).inDraft).toBe(false);
  });

  it('detects a stale revision', async () => {
    const { content } = await admin.studio.file({ path: FILE });
    const edited = structuredClone(content) as { label: Record<string, string> };
    edited.label = { ...edited.label, en: 'Incident (edited)' };
    const first = await admin.studio.saveFile({ path: FILE, content: edited, rev: 0 });
    expect(first.rev).toBe(1);
    expect(first.issues).toEqual([]);
    const stale = await trpcError(admin.studio.saveFile({ path: FILE, content: edited, rev: 0 }));
    expect(stale.code).toBe('CONFLICT');
    await admin.studio.discardDraft();
    expect((await admin.studio.overview()).draft).toBeNull();
  });

  it('publishes a required field: the same runtime enforces it, old records still read and describe by their version', async () => {
    const old = await admin.entity.create({ entity: E, orgUnitId: grid, data });
    expect(old.schemaVersion).toBe(1);
    const heldRegistry = runtime.registry;
    const { content } = await admin.studio.file({ path: FILE });
    const next = structuredClone(content) as { schema: { properties: Record<string, unknown>; required: string[] } };
    next.schema.properties.foundAt = { type: 'string', format: 'date-time', title: '发现时间' };
    next.schema.required = [...next.schema.required, 'foundAt'];
    const saved = await admin.studio.saveFile({ path: FILE, content: next });
    expect(saved.issues).toEqual([]);

    const diff = await admin.studio.diff();
    expect(diff.issues).toEqual([]);
    expect(diff.files).toEqual([expect.objectContaining({ path: FILE, change: 'modified' })]);
    expect(diff.files[0].changes).toContainEqual(expect.objectContaining({ pointer: '/schema/properties/foundAt', op: 'add' }));
    const migration = diff.migrations.find((m) => m.entity === E)!;
    expect(migration).toMatchObject({ fromVersion: 1, toVersion: 2, refused: [] });
    expect(migration.steps).toContainEqual({ op: 'addColumn', field: 'foundAt', type: 'text' });
    expect(migration.effects).toContainEqual(expect.objectContaining({ field: 'foundAt', effect: 'added', records: 1 }));

    const { version } = await admin.studio.publish({ note: '发现时间' });
    expect(version).toBe(2);
    expect((await admin.studio.overview()).draft).toBeNull();
    // The same Runtime object serves the new definition: a caller built before the publish too.
    expect(runtime.registry).not.toBe(heldRegistry);
    expect(runtime.registry.get(E).def.schema.properties).toHaveProperty('foundAt');
    expect(runtime.registry.get(E).version).toBe(2);

    const missing = await trpcError(admin.entity.create({ entity: E, orgUnitId: grid, data }));
    expect(missing.code).toBe('BAD_REQUEST');
    const created = await admin.entity.create({ entity: E, orgUnitId: grid, data: { ...data, foundAt: '2026-09-05T01:00:00.000Z' } });
    expect(created).toMatchObject({ schemaVersion: 2, data: { foundAt: '2026-09-05T01:00:00.000Z' } });

    const reread = await admin.entity.get({ entity: E, id: old.id });
    expect(reread).toMatchObject({ id: old.id, schemaVersion: 1, data: { title: data.title } });
    const v1 = await admin.entity.describe({ entity: E, version: 1 });
    expect(v1.version).toBe(1);
    expect(v1.schema.properties).not.toHaveProperty('foundAt');
    const current = await admin.entity.describe({ entity: E });
    expect(current.version).toBe(2);
    expect(current.schema.properties).toHaveProperty('foundAt');

    const versions = await admin.studio.versions();
    expect(versions[0]).toMatchObject({ version: 2, source: 'studio', note: '发现时间', changed: [FILE] });
    const audit = await queryAudit(runtime.db, { subjectType: 'Config' });
    expect(audit.items[0]).toMatchObject({ action: 'config.publish', subjectId: '2' });
    expect(audit.items[0].diff).toMatchObject({ before: { version: 1 }, after: { version: 2 }, source: 'studio', changed: [FILE] });
  });

  it('refuses to publish a draft with cross-check problems, nothing changed', async () => {
    const { content } = await admin.studio.file({ path: 'workflows/case-workflow.json' });
    const wf = structuredClone(content) as { states: { key: string; final?: boolean }[]; transitions: { from: string | string[]; to: string }[] };
    wf.states.push({ key: 'limbo', label: { 'zh-CN': '悬空' } } as never);
    const saved = await admin.studio.saveFile({ path: 'workflows/case-workflow.json', content: wf });
    expect(saved.issues.some((i) => i.path.startsWith('/states') && /limbo/.test(i.message))).toBe(true);
    const refused = await trpcError(admin.studio.publish());
    expect(refused.code).toBe('BAD_REQUEST');
    expect(issuesOf(refused).length).toBeGreaterThan(0);
    expect((await admin.studio.versions())[0].version).toBe(2);
    await admin.studio.discardDraft();
  });

  it('keeps live screens subscribed across a publish: a case created afterwards reaches them', async () => {
    const heard: string[] = [];
    const unsubscribe = await runtime.realtime.subscribe((e) => {
      if (e.kind === 'case' && e.type === 'created' && e.recordId) heard.push(e.recordId);
    });
    const { content } = await admin.studio.file({ path: FILE });
    await admin.studio.saveFile({ path: FILE, content: { ...(content as object), label: { 'zh-CN': '事件', en: 'Event' } } });
    await admin.studio.publish();
    expect(runtime.registry.get(E).def.label.en).toBe('Event');
    const created = await admin.entity.create({ entity: E, orgUnitId: grid, data: { ...data, foundAt: '2026-09-05T01:00:00.000Z' } });
    const deadline = Date.now() + 5000;
    while (!heard.includes(created.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toContain(created.id);
    unsubscribe();
  });

  it('adds a new entity saved together with the district.json that references it, and removes it again', async () => {
    const lamp = {
      name: 'streetLamp',
      label: { 'zh-CN': '路灯', en: 'Street lamp' },
      subject: 'StreetLamp',
      schema: { type: 'object', properties: { code: { type: 'string', title: '编号' }, watts: { type: 'integer', title: '功率' } }, required: ['code'] },
    };
    const alone = await admin.studio.saveFile({ path: 'entities/street-lamp.json', content: lamp });
    expect(alone.issues).toContainEqual(expect.objectContaining({ file: 'entities/street-lamp.json', code: 'notReferenced' }));
    const refused = await trpcError(admin.studio.publish());
    expect(issuesOf(refused)).toContainEqual(expect.objectContaining({ code: 'notReferenced' }));

    const district = structuredClone((await admin.studio.file({ path: 'district.json' })).content) as { entities: string[] };
    district.entities.push('entities/street-lamp.json');
    const saved = await runtime.studio.saveDraftFiles({ lang: 'en' }, { 'district.json': district });
    expect(saved.issues).toEqual([]);
    const diff = await admin.studio.diff();
    expect(diff.files.map((f) => [f.path, f.change])).toEqual([
      ['district.json', 'modified'],
      ['entities/street-lamp.json', 'added'],
    ]);
    expect(diff.migrations.find((m) => m.entity === 'streetLamp')?.steps[0]).toMatchObject({ op: 'createTable' });
    await admin.studio.publish({ note: '路灯' });
    const made = await admin.entity.create({ entity: 'streetLamp', orgUnitId: grid, data: { code: 'L-001', watts: 60 } });
    expect(made.data).toEqual({ code: 'L-001', watts: 60 });

    district.entities = district.entities.filter((e) => e !== 'entities/street-lamp.json');
    await runtime.studio.saveDraftFiles({ lang: 'en' }, { 'district.json': district, 'entities/street-lamp.json': null });
    expect((await admin.studio.overview()).draft?.changed).toEqual([
      { path: 'district.json', change: 'modified' },
      { path: 'entities/street-lamp.json', change: 'removed' },
    ]);
    await admin.studio.publish();
    expect(runtime.registry.has('streetLamp')).toBe(false);
    // The table and its rows stay: a rollback would serve them again.
    expect((await runtime.db.selectFrom('ent_streetLamp').selectAll().execute()).map((r) => r.code)).toEqual(['L-001']);
  });
});

describe.each(dialects())('studio with a plugin on %s', (dialect) => {
  const probe = definePlugin({
    name: 'probe-things',
    version: '1.0.0',
    entities: [{ name: 'probeThing', label: { 'zh-CN': '探针', en: 'Probe' }, schema: { type: 'object', properties: { code: { type: 'string', title: '编号' } } } }],
  });
  let close: () => Promise<void>;
  let admin: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    const t = await createTestRuntime(dialect, { plugins: [probe] });
    close = t.close;
    admin = await callerAs(t.runtime, [{ role: 'districtAdmin', unitId: 'xg' }]);
  });
  afterAll(() => close());

  it('reports what an enabled plugin cannot add as draft issues, not a server error', async () => {
    const thing = { name: 'probeThing', label: { 'zh-CN': '东西' }, schema: { type: 'object', properties: { code: { type: 'string', title: '编号' } } } };
    const district = structuredClone((await admin.studio.file({ path: 'district.json' })).content) as { entities: string[]; plugins: Record<string, unknown> };
    district.entities.push('entities/probe-thing.json');
    district.plugins['probe-things'] = { enabled: true };
    await admin.studio.saveFile({ path: 'entities/probe-thing.json', content: thing });
    const { issues } = await admin.studio.saveFile({ path: 'district.json', content: district });
    expect(issues).toEqual([expect.objectContaining({ file: 'district.json', path: '/plugins/probe-things', message: expect.stringContaining('"probeThing" already exists') })]);
    expect((await admin.studio.diff()).issues).toEqual(issues);
    const refused = await trpcError(admin.studio.publish());
    expect(refused.code).toBe('BAD_REQUEST');
    expect((await admin.studio.versions()).map((v) => v.version)).toEqual([1]);
  });
});

