import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fake-clock';
import { createContextInner, createRuntimeCaller } from '../api';
import { checkDistrict } from '../config';
import { systemContext } from '../entities';
import { ConfigError, PluginError, ValidationError } from '../errors';
import type { Runtime } from '../runtime';
import { expectError } from '../../test/expect-error';
import { districtWithPlugins } from '../../test/plugin-config';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { authedProcedure, definePlugin, handlePluginRequest, router } from './index';

const GRID = 'xg-wcl-c01-g04';

const log = (trx: Kysely<any>, plugin: string, what: string, at: Date) =>
  trx.insertInto('kit_log').values({ plugin, what, at: at.toISOString() }).execute();

/** A plugin that uses every extension point, and records what it saw in its own table. */
const kit = definePlugin<{ label: string; tickMinutes: number }>({
  name: 'test-kit',
  version: '1.2.0',
  label: { 'zh-CN': '测试套件', en: 'Test kit' },
  settingsSchema: {
    type: 'object',
    properties: { label: { type: 'string', minLength: 1 }, tickMinutes: { type: 'integer', minimum: 1, default: 60 } },
    required: ['label'],
    additionalProperties: false,
  },
  entities: [
    {
      name: 'kitNote',
      label: { 'zh-CN': '便签', en: 'Note' },
      schema: { type: 'object', properties: { text: { type: 'string', title: '内容', maxLength: 100 } }, required: ['text'], additionalProperties: false },
    },
  ],
  forms: { note: { schema: { type: 'object', properties: { text: { type: 'string' } } } } },
  permissions: { kitNoteAll: { actions: ['manage'], subject: 'KitNote' } },
  roles: { dispatcher: ['kitNoteAll'] },
  // Dated between the core's job (007) and workflow (008) migrations: it must run after the
  // first and see its table.
  migrations: {
    '2026-11-23-007a-kit-log': {
      async up(db) {
        await db.selectFrom('job').select('id').limit(1).execute();
        await db.schema.createTable('kit_log').addColumn('plugin', 'text').addColumn('what', 'text').addColumn('at', 'text').execute();
      },
    },
  },
  channels: [{ key: 'kitChannel', label: { 'zh-CN': '测试渠道', en: 'Kit channel' }, kind: 'iot' } as never],
  hooks: {
    beforeRecordWrite: async ({ entity, records }) => {
      if (entity !== 'kitNote') return;
      const text = records[0].data.text;
      if (text === 'refused') throw new ValidationError('refused by kit', [{ path: '/text', message: 'refused', code: 'kit' }]);
      if (text === 'boom') throw new Error('kit exploded');
    },
    afterRecordWrite: ({ trx, op, entity }, p) => log(trx, p.name, `write:${op}:${entity}`, p.now()),
    afterTransition: ({ trx, transition, to }, p) => log(trx, p.name, `transition:${transition}:${to}`, p.now()),
    onClockBreach: ({ trx, clock }, p) => log(trx, p.name, `breach:${clock}`, p.now()),
    onCaseClosed: ({ trx, state }, p) => log(trx, p.name, `closed:${state}`, p.now()),
  },
  actions: { mark: ({ trx, record }, p) => log(trx, p.name, `action:${record.status}`, p.now()) },
  jobs: {
    tick: { schedule: (s) => ({ everyMinutes: s.tickMinutes }), run: ({ trx }, p) => log(trx, p.name, `tick:${p.settings.label}`, p.now()) },
  },
  routes: [
    { method: 'GET', path: 'echo/:word', handler: async ({ params, lang, plugin }) => ({ word: params.word, said: plugin.t(lang, 'echo', { word: params.word }) }) },
  ],
  routers: router({ label: authedProcedure.query(({ ctx }) => ctx.runtime.plugins.api('test-kit').settings.label) }),
  ui: { menu: [{ key: 'notes', label: { 'zh-CN': '便签', en: 'Notes' }, path: '/entities/kitNote' }], cards: [{ key: 'count', label: { 'zh-CN': '数量', en: 'Count' }, query: 'label' }] },
  messages: { 'zh-CN': { echo: '回声：{word}' }, en: { echo: 'echo: {word}' } },
});

/** A second plugin that needs the first; its closed-case hook always fails. */
const addon = definePlugin({
  name: 'test-addon',
  version: '0.1.0',
  requires: ['test-kit'],
  hooks: {
    afterRecordWrite: ({ trx, entity }, p) => log(trx, p.name, `write:${entity}`, p.now()),
    onCaseClosed: () => {
      throw new Error('addon always fails');
    },
  },
});


const logged = async (runtime: Runtime, plugin = 'test-kit') =>
  (await runtime.db.selectFrom('kit_log').select('what').where('plugin', '=', plugin).orderBy('at').execute()).map((r) => r.what);

describe('plugin settings and requirements in the config check', () => {
  it('names the plugin and the JSON pointer of a bad setting', () => {
    const dir = districtWithPlugins('xigong', { 'test-kit': { enabled: true, settings: { label: '', tickMinutes: 0 } } });
    const { issues } = checkDistrict(dir, 'en', [kit, addon]);
    expect(issues.map((i) => i.path).sort()).toEqual(['/plugins/test-kit/settings/label', '/plugins/test-kit/settings/tickMinutes']);
    expect(issues[0].message).toContain('plugin test-kit');
    expect(issues[0].file).toMatch(/district\.json$/);
  });

  it('reports a plugin that requires a missing or disabled plugin', () => {
    const disabled = districtWithPlugins('xigong', { 'test-kit': { enabled: false, settings: { label: 'x' } }, 'test-addon': { enabled: true } });
    expect(checkDistrict(disabled, 'en', [kit, addon]).issues).toEqual([
      expect.objectContaining({ path: '/plugins/test-addon', code: 'pluginRequiresDisabled', message: expect.stringContaining('requires plugin test-kit') }),
    ]);
    const missing = districtWithPlugins('xigong', { 'test-addon': { enabled: true } });
    expect(checkDistrict(missing, 'en', [addon]).issues.map((i) => i.code)).toEqual(['pluginRequiresMissing']);
  });
});

describe.each(dialects())('plugin SDK on %s', (dialect) => {
  it('refuses to start with a plugin whose entity breaks the entity schema, naming the plugin', async () => {
    const broken = definePlugin({ name: 'broken', version: '0.0.1', entities: [{ name: 'Bad Name', label: { 'zh-CN': '坏', en: 'Bad' }, schema: { type: 'object', properties: {} } } as never] });
    const configDir = districtWithPlugins('xigong', { broken: { enabled: true } });
    const error = await createTestRuntime(dialect, { configDir, plugins: [broken] }).then(
      (t) => t.close(),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({ path: '/plugins/broken/entities/0/name', message: expect.stringContaining('plugin broken') });
  });

  describe('enabled', () => {
    const clock = fakeClock('2026-09-07T01:00:00.000Z');
    let t: Awaited<ReturnType<typeof createTestRuntime>>;
    let runtime: Runtime;
    beforeAll(async () => {
      const configDir = districtWithPlugins('xigong', { 'test-kit': { enabled: true, settings: { label: 'kit' } }, 'test-addon': { enabled: true } });
      // The district's workflow calls the plugin's named action when a case is rejected.
      const file = path.join(configDir, 'workflows', 'case-workflow.json');
      const workflow = JSON.parse(readFileSync(file, 'utf8'));
      workflow.transitions.find((tr: { key: string }) => tr.key === 'reject').actions = [{ do: 'hook', name: 'test-kit.mark' }];
      writeFileSync(file, JSON.stringify(workflow));
      t = await createTestRuntime(dialect, { configDir, now: clock.now, plugins: [kit, addon] });
      runtime = t.runtime;
    });
    afterAll(() => t?.close());

    it('runs plugin migrations in date order with the core and records them per plugin version', async () => {
      const names = (await runtime.db.selectFrom('gridwork_migration').select('name').orderBy('timestamp').orderBy('name').execute()).map((r) => r.name);
      const at = names.indexOf('2026-11-23-007a-kit-log@test-kit');
      expect(at).toBeGreaterThan(names.indexOf('2026-11-23-007-job'));
      expect(at).toBeLessThan(names.indexOf('2026-11-23-008-workflow'));
      expect(await runtime.db.selectFrom('plugin_migration').select(['plugin', 'migration', 'version']).execute()).toEqual([
        { plugin: 'test-kit', migration: '2026-11-23-007a-kit-log', version: '1.2.0' },
      ]);
    });

    it('adds entities, permissions, grants and channels to the district', async () => {
      expect(runtime.registry.has('kitNote')).toBe(true);
      expect(runtime.bundle.district.roles.find((r) => r.key === 'dispatcher')!.permissions).toContain('kitNoteAll');
      expect(runtime.bundle.district.channels.some((c) => c.key === 'kitChannel')).toBe(true);
      const dispatcher = await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }], 'kitdispatcher');
      const worker = await createPrincipal(runtime, [{ role: 'gridWorker', unitId: GRID }], 'kitworker');
      const caller = (p: typeof dispatcher) => createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal: p }));
      const note = await caller(dispatcher).entity.create({ entity: 'kitNote', orgUnitId: GRID, data: { text: 'hello' } });
      expect(note.data).toEqual({ text: 'hello' });
      await expect(caller(worker).entity.create({ entity: 'kitNote', orgUnitId: GRID, data: { text: 'no' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await caller(dispatcher).plugins['test-kit'].label()).toBe('kit');
      expect(await caller(dispatcher).district.plugins()).toEqual([
        { plugin: 'test-kit', label: kit.label, menu: kit.ui!.menu, cards: kit.ui!.cards, mapLayers: [], pages: [] },
        { plugin: 'test-addon', label: null, menu: [], cards: [], mapLayers: [], pages: [] },
      ]);
    });

    it('runs write hooks of every plugin in the write transaction', async () => {
      await runtime.entities.create(systemContext('en'), 'kitNote', { orgUnitId: GRID, data: { text: 'logged' } });
      expect(await logged(runtime)).toContain('write:create:kitNote');
      expect(await logged(runtime, 'test-addon')).toContain('write:kitNote');
    });

    it('isolates a throwing hook: the write rolls back, the caller is told which plugin, others go on', async () => {
      const before = await runtime.entities.count(systemContext(), 'kitNote');
      const logBefore = (await logged(runtime, 'test-addon')).length;
      const error = await expectError(runtime.entities.create(systemContext('en'), 'kitNote', { orgUnitId: GRID, data: { text: 'boom' } }), PluginError);
      expect(error.message).toContain('test-kit');
      expect(error.message).toContain('beforeRecordWrite');
      const refused = await expectError(runtime.entities.create(systemContext('en'), 'kitNote', { orgUnitId: GRID, data: { text: 'refused' } }), ValidationError);
      expect(refused.issues[0].path).toBe('/text');
      expect(await runtime.entities.count(systemContext(), 'kitNote')).toBe(before);
      expect((await logged(runtime, 'test-addon')).length).toBe(logBefore);
      await runtime.entities.create(systemContext('en'), 'kitNote', { orgUnitId: GRID, data: { text: 'fine again' } });
      expect(await runtime.entities.count(systemContext(), 'kitNote')).toBe(before + 1);
    });

    it('answers its REST route with its own messages', async () => {
      const res = await handlePluginRequest(runtime, 'test-kit', ['echo', 'hi'], new Request('http://x/api/plugins/test-kit/echo/hi', { headers: { 'x-gridwork-lang': 'zh-CN' } }));
      expect(await res.json()).toEqual({ word: 'hi', said: '回声：hi' });
      expect((await handlePluginRequest(runtime, 'test-kit', ['nope'], new Request('http://x/'))).status).toBe(404);
    });

    it('calls transition hooks in the transaction, breach and closed-case hooks after commit, each plugin alone', async () => {
      const c = await runtime.entities.create(systemContext('en'), 'incidentCase', {
        orgUnitId: GRID,
        data: { title: '井盖缺失', category: 'safety.building', channel: 'residentApp', reportedAt: clock.now().toISOString() },
      });
      clock.advance(31); // the 30-minute respond clock breaches
      await runtime.scheduler.runDue(); // breach → one hook job per plugin, run in the same drain
      await runtime.scheduler.runDue();
      expect(await logged(runtime)).toContain('breach:respond');
      await runtime.workflow.fire(systemContext('en'), 'incidentCase', c.id, 'reject', { form: { reason: '重复上报' } });
      expect(await logged(runtime)).toContain('transition:reject:rejected');
      expect(await logged(runtime)).toContain('action:rejected');
      await runtime.scheduler.runDue();
      expect(await logged(runtime)).toContain('closed:rejected');
      // The addon's closed-case hook failed in its own job, which waits for a retry.
      const failing = await runtime.db.selectFrom('job').select(['status', 'last_error']).where('kind', '=', 'plugin.hook').where('last_error', 'is not', null).execute();
      expect(failing).toEqual([{ status: 'pending', last_error: 'Error: addon always fails' }]);
    });

    it('runs scheduled jobs on the durable job system and schedules the next run', async () => {
      const pending = () => runtime.db.selectFrom('job').select(['due_at']).where('key', '=', 'plugin:test-kit:tick').where('status', '=', 'pending').executeTakeFirstOrThrow();
      const first = await pending();
      clock.advance(61);
      await runtime.scheduler.runDue();
      expect((await logged(runtime)).filter((w) => w === 'tick:kit').length).toBeGreaterThanOrEqual(1);
      expect((await pending()).due_at > first.due_at).toBe(true);
    });
  });

  describe('disabled', () => {
    let t: Awaited<ReturnType<typeof createTestRuntime>>;
    beforeAll(async () => {
      const configDir = districtWithPlugins('xigong', { 'test-kit': { enabled: false, settings: { label: 'off' } } });
      t = await createTestRuntime(dialect, { configDir, plugins: [kit] });
    });
    afterAll(() => t?.close());

    it('contributes nothing but keeps its migrations and tables', async () => {
      const { runtime } = t;
      expect(runtime.plugins.isEnabled('test-kit')).toBe(false);
      expect(runtime.registry.has('kitNote')).toBe(false);
      expect(runtime.bundle.district.permissions).not.toHaveProperty('kitNoteAll');
      expect((await handlePluginRequest(runtime, 'test-kit', ['echo', 'x'], new Request('http://x/'))).status).toBe(404);
      expect(runtime.plugins.ui()).toEqual([]);
      expect(await runtime.db.selectFrom('job').select('id').where('key', 'like', 'plugin:%').where('status', '=', 'pending').execute()).toEqual([]);
      // Schema stays consistent: the migration ran and the entity's table exists.
      expect(await runtime.db.selectFrom('kit_log').selectAll().execute()).toEqual([]);
      expect(await runtime.db.selectFrom('plugin_migration').select('plugin').execute()).toEqual([{ plugin: 'test-kit' }]);
      await runtime.entities.create(systemContext('en'), 'incidentCase', { orgUnitId: GRID, data: { title: '路灯不亮', category: 'safety.building', channel: 'residentApp', reportedAt: new Date().toISOString() } });
      expect(await runtime.db.selectFrom('kit_log').selectAll().execute()).toEqual([]);
      const principal = await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }], 'offdispatcher');
      const caller = createRuntimeCaller(createContextInner({ runtime, lang: 'en', principal }));
      await expect(caller.plugins['test-kit'].label()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
