import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstalledPlugins } from '../../cli/installed-plugins';
import type { GridCollection, OrgUnit } from '../../config';
import { createOrgImports, orgImportsFor } from '../../org-import';
import type { Runtime } from '../../runtime';
import { createPrincipal } from '../../../test/principals';
import { createTestRuntime, dialects } from '../../../test/test-database';
import { createCaller } from '../app-router';
import { createContextInner } from '../context';
import { handleOrgImportRequest } from '../org-import-handler';
import { trpcError, issuesOf } from '../../../test/studio-callers';

const BASE = 'http://localhost:3000';

const UNITS_CSV = ['编号,名称,类型,层级,上级', 'xg-new-sd,新区街道,area,subdistrict,xg', 'xg-new-c1,新区社区,area,community,xg-new-sd', 'xg-hs,红山街道办事处,area,subdistrict,xg'].join('\n');
const square = (x: number, y: number) => [[[x, y], [x + 0.002, y], [x + 0.002, y + 0.002], [x, y + 0.002], [x, y]]];
const grids = (features: { id: string; parent: string; ring?: unknown }[]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f, i) => ({
      type: 'Feature',
      properties: { id: f.id, name: `新网格${i + 1}`, level: 'grid', kind: 'grid', parent: f.parent },
      geometry: { type: 'Polygon', coordinates: f.ring ?? square(112.41 + i * 0.003, 34.66) },
    })),
  });

describe.each(dialects())('studio tools over tRPC and REST on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let admin: ReturnType<typeof createCaller>;
  let worker: ReturnType<typeof createCaller>;
  let workerId: string;
  let adminCookie: string;
  let workerCookie: string;

  const signIn = async (username: string) => {
    const res = await runtime.auth.handler(
      new Request(`${BASE}/api/auth/sign-in/username`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ username, password: 'Test-password-1' }) }),
    );
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  };
  const upload = (query: string, body: BodyInit, headers: Record<string, string> = {}) =>
    handleOrgImportRequest(runtime, new Request(`${BASE}/api/studio/org-import?${query}`, { method: 'POST', headers: { 'x-gridwork-lang': 'en', 'content-type': 'text/csv', cookie: adminCookie, ...headers }, body }));
  /** Starts an import over REST and waits for its report, checking progress never runs backwards. */
  const runImport = async (query: string, body: string, type = 'text/csv') => {
    const res = await upload(query, body, { 'content-type': type });
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    const seen = [await admin.studio.orgImportStatus({ importId })];
    await orgImportsFor(runtime).settled(importId);
    seen.push(await admin.studio.orgImportStatus({ importId }));
    expect(seen[1].processed).toBeGreaterThanOrEqual(seen[0].processed);
    return seen[1];
  };

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect, { plugins: await loadInstalledPlugins() }));
    const adminUser = await createPrincipal(runtime, [{ role: 'districtAdmin', unitId: 'xg' }], 'toolsadmin');
    const workerUser = await createPrincipal(runtime, [{ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' }], 'toolsworker');
    workerId = workerUser.id;
    admin = createCaller(createContextInner({ runtime, lang: 'en', principal: adminUser }));
    worker = createCaller(createContextInner({ runtime, lang: 'en', principal: workerUser }));
    adminCookie = await signIn('toolsadmin');
    workerCookie = await signIn('toolsworker');
  });
  afterAll(() => close());

  it('refuses a user without the configure right: tRPC FORBIDDEN, REST 403, no session 401', async () => {
    expect((await trpcError(worker.studio.viewAs({ userId: workerId }))).code).toBe('FORBIDDEN');
    expect((await trpcError(worker.studio.plugins())).code).toBe('FORBIDDEN');
    expect((await trpcError(worker.studio.setPlugin({ name: 'bell-check-in', enabled: true }))).code).toBe('FORBIDDEN');
    expect((await trpcError(worker.studio.orgImportStatus({ importId: 'x' }))).code).toBe('FORBIDDEN');
    expect((await upload('kind=units&format=csv&dryRun=0', UNITS_CSV, { cookie: workerCookie })).status).toBe(403);
    expect((await upload('kind=units&format=csv', UNITS_CSV, { cookie: '' })).status).toBe(401);
    expect((await admin.studio.overview()).draft).toBeNull();
  });

  it('refuses bad requests with the reason: kind, format, content type, unknown import', async () => {
    const badKind = await upload('kind=trees&format=csv', UNITS_CSV);
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { error: { issues: { path: string }[] } }).error.issues[0].path).toBe('/kind');
    expect((await upload('kind=units&format=xlsx', UNITS_CSV)).status).toBe(400);
    // text/plain is what a cross-site form can send with the cookie: refused.
    expect((await upload('kind=units&format=csv', UNITS_CSV, { 'content-type': 'text/plain' })).status).toBe(400);
    expect((await upload('kind=units&format=csv', UNITS_CSV, { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(400);
    // Windows labels .csv files as Excel's: accepted.
    expect((await upload('kind=units&format=csv', UNITS_CSV, { 'content-type': 'application/vnd.ms-excel' })).status).toBe(202);
    // Neither UTF-8 nor GB18030 (a stray 0xFF): refused with the reason, not imported as mojibake.
    const garbage = await upload('kind=grids&format=geojson', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) as never, { 'content-type': 'application/geo+json' });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { message: string } }).error.message).toContain('UTF-8');
    expect((await trpcError(admin.studio.orgImportStatus({ importId: 'no-such-import' }))).code).toBe('NOT_FOUND');
  });

  it('a dry run reports accepted and rejected rows and writes nothing', async () => {
    const csv = `${UNITS_CSV}\nxg-bad,,area,community,xg-gone`;
    const status = await runImport('kind=units&format=csv&dryRun=1', csv);
    expect(status).toMatchObject({ state: 'done', dryRun: true, applied: false, accepted: 3, rejected: 1, total: 4, processed: 4 });
    expect(status.rejections).toEqual([{ row: 4, id: 'xg-bad', reasons: ['name: is required', 'parent unit "xg-gone" does not exist'] }]);
    expect((await admin.studio.overview()).draft).toBeNull();
  });

  it('reads a CSV saved by Excel on a Chinese Windows (GBK), headers and names intact', async () => {
    // "编号,名称,类型,层级,上级\nxg-gbk,新区街道,area,subdistrict,xg" in GBK.
    const gbk = Buffer.from('b1e0bac52cc3fbb3c62cc0e0d0cd2cb2e3bcb62cc9cfbcb60a78672d67626b2cd0c2c7f8bdd6b5c02c617265612c73756264697374726963742c7867', 'hex');
    const res = await upload('kind=units&format=csv&dryRun=0', new Uint8Array(gbk) as never, { 'content-type': 'application/vnd.ms-excel' });
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    await orgImportsFor(runtime).settled(importId);
    expect(await admin.studio.orgImportStatus({ importId })).toMatchObject({ state: 'done', applied: true, accepted: 1, rejected: 0 });
    const units = (await admin.studio.file({ path: 'org/units.json' })).content as OrgUnit[];
    expect(units.find((u) => u.id === 'xg-gbk')).toEqual({ id: 'xg-gbk', name: '新区街道', kind: 'area', level: 'subdistrict', parent: 'xg' });
    await admin.studio.discardDraft();
  });

  it('a real run with a rejected row writes nothing and says so', async () => {
    const status = await runImport('kind=grids&format=geojson&dryRun=0', grids([{ id: 'xg-g-new1', parent: 'xg-hs-c01' }, { id: 'xg-g-new2', parent: 'xg-nowhere' }]), 'application/geo+json');
    expect(status).toMatchObject({ state: 'failed', applied: false, accepted: 1, rejected: 1 });
    expect(status.error).toBe('1 row(s) rejected: nothing was written');
    expect((await admin.studio.overview()).draft).toBeNull();
  });

  it('a real run merges units and grids by id into the draft, to be published like any change', async () => {
    const before = (await admin.studio.file({ path: 'org/units.json' })).content as OrgUnit[];
    const units = await runImport('kind=units&format=csv&dryRun=0', UNITS_CSV);
    expect(units).toMatchObject({ state: 'done', applied: true, accepted: 3, rejected: 0, added: 2, replaced: 1, processed: 3, total: 3, phase: 'writing' });
    const file = await admin.studio.file({ path: 'org/units.json' });
    expect(file.inDraft).toBe(true);
    const after = file.content as OrgUnit[];
    expect(after).toHaveLength(before.length + 2);
    expect(after.find((u) => u.id === 'xg-hs')!.name).toBe('红山街道办事处');
    expect(after.findIndex((u) => u.id === 'xg-hs')).toBe(before.findIndex((u) => u.id === 'xg-hs'));

    // Grids may hang under units that exist only in the draft so far.
    const gridRun = await runImport('kind=grids&format=geojson&dryRun=0', grids([{ id: 'xg-new-c1-g01', parent: 'xg-new-c1' }]), 'application/geo+json');
    expect(gridRun).toMatchObject({ state: 'done', applied: true, added: 1 });
    const gridFile = (await admin.studio.file({ path: 'org/grids.geojson' })).content as GridCollection;
    expect(gridFile.features.at(-1)!.properties).toMatchObject({ id: 'xg-new-c1-g01', parent: 'xg-new-c1' });
    const overview = await admin.studio.overview();
    expect(overview.draft!.changed.map((c) => c.path).sort()).toEqual(['org/grids.geojson', 'org/units.json']);
    expect((await admin.studio.check()).issues).toEqual([]);

    const published = await admin.studio.publish({ note: 'org import' });
    expect(runtime.org.get('xg-new-c1-g01')?.parentId).toBe('xg-new-c1');
    expect(published.version).toBeGreaterThan(1);
  });

  it('a real run does not overwrite a save of the same file made while it ran (conflict)', async () => {
    // The real studio, with another admin's save slipped in between the import's read and its write.
    const studio = runtime.studio;
    const imports = createOrgImports(runtime, {
      drafts: () => ({
        draftFile: (path) => studio.draftFile(path),
        async saveDraftFiles(ctx, files, revs) {
          const units = (await studio.draftFile('org/units.json'))!;
          const edited = (units.content as OrgUnit[]).map((u) => (u.id === 'xg-lb' ? { ...u, name: '老城街道（他人修改）' } : u));
          await studio.saveDraftFiles(ctx, { 'org/units.json': edited });
          return studio.saveDraftFiles(ctx, files, revs);
        },
      }),
    });
    const ctx = { lang: 'en' as const, actor: { id: 'test' } };
    const id = await imports.start(ctx, { kind: 'units', format: 'csv', dryRun: false, text: 'id,name,kind,level,parent\nxg-conflict,冲突街道,area,subdistrict,xg' });
    await imports.settled(id);
    const status = await imports.status(ctx, id);
    expect(status).toMatchObject({ state: 'failed', applied: false });
    expect(status.issues?.[0]).toMatchObject({ code: 'staleRev', file: 'org/units.json' });
    const after = (await admin.studio.file({ path: 'org/units.json' })).content as OrgUnit[];
    expect(after.find((u) => u.id === 'xg-lb')!.name).toBe('老城街道（他人修改）');
    expect(after.some((u) => u.id === 'xg-conflict')).toBe(false);
    await admin.studio.discardDraft();
  });

  it('lists installed plugins with their switch, schema and settings', async () => {
    const plugins = await admin.studio.plugins();
    const bell = plugins.find((p) => p.name === 'bell-check-in')!;
    expect(bell).toMatchObject({ label: 'Bell check-in', version: '1.0.0', enabled: false, running: false, settings: null });
    expect(bell.settingsSchema).toMatchObject({ type: 'object' });
    expect(plugins.map((p) => p.name)).toEqual(expect.arrayContaining(['hazard-watch', 'mediation', 'silver-care']));
  });

  it('setPlugin refuses invalid settings with JSON pointers and an unknown plugin, changing nothing', async () => {
    const invalid = await trpcError(admin.studio.setPlugin({ name: 'bell-check-in', enabled: true, settings: { minAge: 200, onNoAnswer: ['fax'] } }));
    expect(invalid.code).toBe('BAD_REQUEST');
    const pointers = issuesOf(invalid).map((i) => `${i.file}#${i.path}`);
    expect(pointers).toContain('district.json#/plugins/bell-check-in/settings/minAge');
    expect(pointers).toContain('district.json#/plugins/bell-check-in/settings/onNoAnswer/0');
    expect((await trpcError(admin.studio.setPlugin({ name: 'no-such-plugin', enabled: true }))).code).toBe('NOT_FOUND');
    const notObject = await trpcError(admin.studio.setPlugin({ name: 'bell-check-in', enabled: true, settings: [1, 2] }));
    expect(notObject.code).toBe('BAD_REQUEST');
    expect(issuesOf(notObject)).toEqual([{ file: 'district.json', path: '/plugins/bell-check-in/settings', message: 'plugin settings must be an object (keys and values)', code: 'type' }]);
    expect((await admin.studio.overview()).draft).toBeNull();
  });

  it('setPlugin switches a plugin on in the draft with its settings, and off again', async () => {
    const saved = await admin.studio.setPlugin({ name: 'bell-check-in', enabled: true, settings: { minAge: 65 } });
    expect(saved.rev).toBeGreaterThan(0);
    const district = (await admin.studio.file({ path: 'district.json' })).content as { plugins: Record<string, unknown> };
    expect(district.plugins['bell-check-in']).toEqual({ enabled: true, settings: { minAge: 65 } });
    expect((await admin.studio.plugins()).find((p) => p.name === 'bell-check-in')).toMatchObject({ enabled: true, running: false, settings: { minAge: 65 } });
    // Off again, settings kept for next time.
    await admin.studio.setPlugin({ name: 'bell-check-in', enabled: false });
    const again = (await admin.studio.file({ path: 'district.json' })).content as { plugins: Record<string, unknown> };
    expect(again.plugins['bell-check-in']).toEqual({ enabled: false, settings: { minAge: 65 } });
    await admin.studio.discardDraft();
  });

  it('viewAs answers through the router for a configure user', async () => {
    const view = await admin.studio.viewAs({ userId: workerId, entity: 'incidentCase' });
    expect(view.assignments[0]).toMatchObject({ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' });
    expect(view.subjects.find((s) => s.subject === 'Config')).toBeUndefined();
    expect(view.sample).toMatchObject({ entity: 'incidentCase', total: 0, rows: [] });
  });
});
