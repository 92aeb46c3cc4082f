import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { handleStudioExport, handleStudioImport } from '../api/studio-handler';
import { loadInstalledPlugins } from '../cli/installed-plugins';
import { systemContext } from '../entities';
import { ConfigError } from '../errors';
import { definePlugin, type PluginDefinition } from '../plugin-sdk';
import { createRuntime, optionsFromEnv, type Runtime, type StartupReport } from '../runtime';
import { createTestDatabase, createTestRuntime, dialects, type TestDatabase } from '../../test/test-database';
import { createPrincipal } from '../../test/principals';
import { expectError } from '../../test/expect-error';
import type { ConfigExport } from './config-export';
import { trpcError, issuesOf } from '../../test/studio-callers';

const FILE = 'entities/incident-case.json';
const BASE = 'http://localhost:3000';

/** Everything an import could touch: versions, draft, entity versions and the columns of the tables. */
async function snapshot(runtime: Runtime) {
  return {
    versions: (await runtime.studio.versions()).map((v) => v.version),
    draft: await runtime.db.selectFrom('config_draft_file').select(['path', 'rev']).orderBy('path').execute(),
    entityVersions: await runtime.db.selectFrom('entity_version').select(['entity', 'version']).orderBy('entity').orderBy('version').execute(),
    active: runtime.studio.activeVersion,
    label: runtime.registry.get('incidentCase').def.label,
  };
}

describe.each(dialects())('config export and import on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let admin: ReturnType<typeof createCaller>;
  const cookies: Record<string, string> = {};
  const signIn = async (username: string) => {
    const res = await runtime.auth.handler(
      new Request(`${BASE}/api/auth/sign-in/username`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ username, password: 'Test-password-1' }) }),
    );
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  };

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    admin = createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'districtAdmin', unitId: 'xg' }], 'stadmin') }));
    await createPrincipal(runtime, [{ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' }], 'stworker');
    cookies.admin = await signIn('stadmin');
    cookies.worker = await signIn('stworker');
  });
  afterAll(() => close());

  const relabelled = (file: ConfigExport, en: string): ConfigExport => {
    const copy = structuredClone(file);
    (copy.files[FILE] as { label: Record<string, string> }).label.en = en;
    return copy;
  };

  it('exports the running version with every file', async () => {
    const file = await admin.studio.exportConfig();
    expect(file).toMatchObject({ format: 'gridwork-config', formatVersion: 1, district: 'xigong', version: 1 });
    expect(Object.keys(file.files).sort()).toEqual(['district.json', 'entities/incident-case.json', 'entities/place.json', 'entities/resident.json', 'entities/visit-log.json', 'org/grids.geojson', 'org/units.json', 'workflows/case-workflow.json']);
    expect(file.files['district.json']).toEqual(JSON.parse(readFileSync('configs/xigong/district.json', 'utf8')));
  });

  it('a bad import changes nothing: versions, draft and tables stay as they were', async () => {
    // A draft in progress must survive a refused import untouched.
    const { content } = await admin.studio.file({ path: 'entities/visit-log.json' });
    await admin.studio.saveFile({ path: 'entities/visit-log.json', content: { ...(content as object), label: { 'zh-CN': '入户走访' } } });
    const before = await snapshot(runtime);
    const good = relabelled(await admin.studio.exportConfig(), 'Imported incident');

    const badSchema = structuredClone(good);
    (badSchema.files[FILE] as { schema: { properties: Record<string, unknown> } }).schema.properties.foundAt = { type: 'string', title: 42 };
    const invalid = await trpcError(admin.studio.importConfig({ file: badSchema }));
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(issuesOf(invalid)).toContainEqual(expect.objectContaining({ file: FILE, path: '/schema/properties/foundAt/title' }));

    const deadEnd = structuredClone(good);
    (deadEnd.files['workflows/case-workflow.json'] as { states: unknown[] }).states.push({ key: 'limbo', label: { 'zh-CN': '悬空' } });
    expect((await trpcError(admin.studio.importConfig({ file: deadEnd }))).code).toBe('BAD_REQUEST');

    const missingFile = structuredClone(good);
    delete missingFile.files['org/units.json'];
    expect(issuesOf(await trpcError(admin.studio.importConfig({ file: missingFile })))).toContainEqual(expect.objectContaining({ code: 'fileMissing' }));

    const otherDistrict = { ...good, district: 'huiji' };
    const refusedDistrict = await trpcError(admin.studio.importConfig({ file: otherDistrict }));
    expect(issuesOf(refusedDistrict)).toEqual([expect.objectContaining({ path: '/district', code: 'importDistrict' })]);
    const otherFormat = { ...good, formatVersion: 2 };
    expect(issuesOf(await trpcError(admin.studio.importConfig({ file: otherFormat })))).toEqual([expect.objectContaining({ path: '/formatVersion', code: 'importVersion' })]);
    expect(issuesOf(await trpcError(admin.studio.importConfig({ file: { ...good, format: 'something-else' } })))[0].code).toBe('importFormat');

    expect(await snapshot(runtime)).toEqual(before);
  });

  it('a dry run reports the diff and applies nothing; the real import is one new version, live at once', async () => {
    const before = await snapshot(runtime);
    const file = relabelled(await admin.studio.exportConfig(), 'Imported incident');
    const dry = await admin.studio.importConfig({ file, dryRun: true });
    expect(dry.issues).toEqual([]);
    expect(dry.version).toBeUndefined();
    expect(dry.diff.files).toEqual([expect.objectContaining({ path: FILE, change: 'modified', changes: [{ pointer: '/label/en', op: 'replace', before: 'Incident case', after: 'Imported incident' }] })]);
    expect(await snapshot(runtime)).toEqual(before);

    const applied = await admin.studio.importConfig({ file });
    expect(applied.version).toBe(before.active + 1);
    expect((await admin.studio.versions())[0]).toMatchObject({ version: applied.version, source: 'import', changed: [FILE] });
    expect(runtime.registry.get('incidentCase').def.label.en).toBe('Imported incident');
    // The draft was someone's work in progress: an import does not throw it away.
    expect((await admin.studio.overview()).draft?.changed).toEqual([{ path: 'entities/visit-log.json', change: 'modified' }]);
  });

  it('holds back a draft file whose published content changed after the draft took it', async () => {
    const { content } = await admin.studio.file({ path: FILE });
    const mine = { ...(content as { label: object }), label: { ...(content as { label: object }).label, 'zh-CN': '我的草稿' } };
    await admin.studio.saveFile({ path: FILE, content: mine });
    expect((await admin.studio.check()).issues).toEqual([]);
    // Meanwhile the same file changes in a published version (here: an import).
    await admin.studio.importConfig({ file: relabelled(await admin.studio.exportConfig(), 'Changed meanwhile') });
    const { issues } = await admin.studio.check();
    expect(issues).toEqual([expect.objectContaining({ file: FILE, code: 'draftOutdated' })]);
    const refused = await trpcError(admin.studio.publish());
    expect(issuesOf(refused)).toEqual([expect.objectContaining({ code: 'draftOutdated' })]);
    // Saved again on top of what runs now, it may go.
    await admin.studio.saveFile({ path: FILE, content: mine });
    expect((await admin.studio.check()).issues).toEqual([]);
    await admin.studio.discardDraft();
  });

  it('downloads the export over HTTP, only for users with configure', async () => {
    const res = await handleStudioExport(runtime, new Request(`${BASE}/api/studio/export`, { headers: { cookie: cookies.admin } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="gridwork-xigong-v${runtime.studio.activeVersion}.json"`);
    const file = (await res.json()) as ConfigExport;
    expect(file.version).toBe(runtime.studio.activeVersion);
    expect((await handleStudioExport(runtime, new Request(`${BASE}/api/studio/export`, { headers: { cookie: cookies.worker } }))).status).toBe(403);
    expect((await handleStudioExport(runtime, new Request(`${BASE}/api/studio/export`))).status).toBe(401);

    const post = (body: string, who = cookies.admin) =>
      handleStudioImport(runtime, new Request(`${BASE}/api/studio/import?dryRun=1`, { method: 'POST', headers: { cookie: who, 'content-type': 'application/json' }, body }));
    const dry = await post(JSON.stringify(relabelled(file, 'Again')));
    expect(dry.status).toBe(200);
    expect(((await dry.json()) as { diff: { files: unknown[] } }).diff.files).toHaveLength(1);
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify(file), cookies.worker)).status).toBe(403);
  });
});

describe.each(dialects())('config versions across restarts and instances on %s', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let configDir: string;
  const open: Runtime[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'gw-studio-'));
    configDir = path.join(dir, 'xigong');
    cpSync('configs/xigong', configDir, { recursive: true });
  });
  afterAll(async () => {
    for (const r of open) await r.close().catch(() => {});
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (extraPlugins: PluginDefinition<any>[] = []) => {
    let report: StartupReport | undefined;
    const runtime = await createRuntime(
      optionsFromEnv({} as NodeJS.ProcessEnv, { district: 'xigong', configDir, dataDir: dir, databaseUrl: database.url, sqliteFile: path.join(dir, 'gw.sqlite'), lang: 'en' }),
      { plugins: [...(await loadInstalledPlugins()), ...extraPlugins], onReport: (r) => (report = r) },
    );
    open.push(runtime);
    return { runtime, report: report! };
  };
  const relabel = async (runtime: Runtime, en: string) => {
    const file = (await runtime.studio.draftFile(FILE))!.content as { label: Record<string, string> };
    await runtime.studio.saveDraftFiles(systemContext('en'), { [FILE]: { ...file, label: { ...file.label, en } } });
    return runtime.studio.publish(systemContext('en'), { note: en });
  };

  it('a studio publish outlives a restart; a deploy with changed files becomes the newest version', async () => {
    const first = await start();
    expect(first.report.configVersion).toEqual({ version: 1, fromFiles: true });
    await relabel(first.runtime, 'From the studio');
    await first.runtime.close();

    const second = await start();
    expect(second.report.configVersion).toEqual({ version: 2, fromFiles: false });
    expect(second.runtime.registry.get('incidentCase').def.label.en).toBe('From the studio');
    await second.runtime.close();

    const entityFile = path.join(configDir, FILE);
    const deployed = JSON.parse(readFileSync(entityFile, 'utf8'));
    deployed.label.en = 'From a deploy';
    writeFileSync(entityFile, JSON.stringify(deployed, null, 2));
    const third = await start();
    expect(third.report.configVersion).toEqual({ version: 3, fromFiles: true });
    expect(third.runtime.registry.get('incidentCase').def.label.en).toBe('From a deploy');
    expect((await third.runtime.studio.versions()).map((v) => v.source)).toEqual(['files', 'studio', 'files']);
    // The grids did not change across the three versions: stored once.
    const blobs = await third.runtime.db.selectFrom('config_blob').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    // Eight files in version 1, then one changed file in each of the two later versions.
    expect(Number(blobs.n)).toBe(8 + 2);
  });

  it('another instance picks a publish up by polling, and so does the scheduler keep running', async () => {
    const a = open[open.length - 1];
    const { runtime: b } = await start();
    b.scheduler.start(50);
    b.studio.watch(30);
    const { version } = await relabel(a, 'Seen by the other instance');
    const deadline = Date.now() + 5000;
    while (b.studio.activeVersion !== version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 30));
    expect(b.studio.activeVersion).toBe(version);
    expect(b.registry.get('incidentCase').def.label.en).toBe('Seen by the other instance');
    expect(b.scheduler.pollInterval).toBe(50);
    b.studio.stopWatch();
  });

  it('refuses to start on a stored version that no longer passes, naming the version and the problem', async () => {
    for (const r of open.splice(0)) await r.close();
    const probe = (mode: object) => definePlugin({ name: 'studio-probe', version: '1.0.0', settingsSchema: { type: 'object', properties: { mode } } });
    const { runtime } = await start([probe({ type: 'string' })]);
    const district = structuredClone((await runtime.studio.draftFile('district.json'))!.content) as { plugins: Record<string, unknown> };
    district.plugins['studio-probe'] = { enabled: false, settings: { mode: 'loud' } };
    await runtime.studio.saveDraftFiles(systemContext('en'), { 'district.json': district });
    const { version } = await runtime.studio.publish(systemContext('en'));
    await runtime.close();
    // A new build of the plugin accepts fewer settings than the stored version has.
    const refused = await expectError(start([probe({ enum: ['quiet'] })]), ConfigError);
    expect(refused.message).toContain(`config version ${version} stored in the database`);
    expect(refused.issues).toEqual([expect.objectContaining({ file: 'district.json', path: '/plugins/studio-probe/settings/mode' })]);
  });
});
