import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCaller } from '../api/app-router';
import { createContextInner } from '../api/context';
import { loadInstalledPlugins } from '../cli/installed-plugins';
import { createRuntime, optionsFromEnv, type Runtime } from '../runtime';
import { expectError } from '../../test/expect-error';
import { createPrincipal } from '../../test/principals';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/test-database';
import { ImportStatusStore, KEEP_MS, MAX_REJECTIONS, STALE_MS, createOrgImports, orgImportsFor, type DraftAccess } from '.';

const ctx = { lang: 'en' as const, actor: { id: 'status-test' } };
const HEADER = 'id,name,kind,level,parent';
/** `bad` rows whose parent does not exist, after one good row. */
const csvWithRejections = (bad: number) => [HEADER, 'xg-ok-sd,好街道,area,subdistrict,xg', ...Array.from({ length: bad }, (_, i) => `xg-bad-${i},坏社区${i},area,community,xg-gone`)].join('\n');

describe.each(dialects())('org import status in the database on %s', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  const open: Runtime[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'gw-import-status-'));
    cpSync('configs/xigong', path.join(dir, 'xigong'), { recursive: true });
  });
  afterAll(async () => {
    for (const r of open) await r.close().catch(() => {});
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A runtime (an instance, or the same server after a restart) on the one shared database. */
  const start = async () => {
    const runtime = await createRuntime(
      optionsFromEnv({} as NodeJS.ProcessEnv, { district: 'xigong', configDir: path.join(dir, 'xigong'), dataDir: dir, databaseUrl: database.url, sqliteFile: path.join(dir, 'gw.sqlite'), lang: 'en' }),
      { plugins: await loadInstalledPlugins() },
    );
    open.push(runtime);
    return runtime;
  };
  const callers = async (runtime: Runtime, tag: string) => ({
    admin: createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'districtAdmin', unitId: 'xg' }], `admin${tag}`) })),
    worker: createCaller(createContextInner({ runtime, lang: 'en', principal: await createPrincipal(runtime, [{ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' }], `worker${tag}`) })),
  });

  it('a finished report survives a restart: another runtime on the database reads it, rejections capped, full count kept', async () => {
    const first = await start();
    const imports = orgImportsFor(first);
    const id = await imports.start(ctx, { kind: 'units', format: 'csv', dryRun: true, text: csvWithRejections(MAX_REJECTIONS + 50) });
    await imports.settled(id);
    const before = await imports.status(ctx, id);
    await first.close();

    const second = await start();
    const { admin, worker } = await callers(second, 'restart');
    const after = await admin.studio.orgImportStatus({ importId: id });
    expect(after).toEqual(before);
    expect(after).toMatchObject({ state: 'done', dryRun: true, applied: false, accepted: 1, rejected: MAX_REJECTIONS + 50, total: MAX_REJECTIONS + 51, processed: MAX_REJECTIONS + 51 });
    expect(after.rejections).toHaveLength(MAX_REJECTIONS);
    expect(after.rejections[0]).toEqual({ row: 2, id: 'xg-bad-0', reasons: ['parent unit "xg-gone" does not exist'] });
    // Still only for the configure right, on this runtime as on the one that ran it.
    expect((await expectError(worker.studio.orgImportStatus({ importId: id }), TRPCError)).code).toBe('FORBIDDEN');
    // A status is the district's own: the same id asked for another district is not found.
    expect(await new ImportStatusStore(() => second.db, () => second.now()).read(id, 'zhengzhou', '')).toBeUndefined();
  });

  it('a running import is seen by another instance, with its phase and size, and then its report', async () => {
    const [a, b] = [open.at(-1)!, await start()];
    const { admin } = await callers(b, 'running');
    // The draft read waits until released: the import stays running meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const imports = createOrgImports(a, {
      drafts: (): DraftAccess => ({
        draftFile: async (p) => {
          await gate;
          return a.studio.draftFile(p);
        },
        saveDraftFiles: (c, files, revs) => a.studio.saveDraftFiles(c, files, revs),
      }),
    });
    const id = await imports.start(ctx, { kind: 'units', format: 'csv', dryRun: true, text: csvWithRejections(3) });
    // Readable on the other instance as soon as the upload is answered.
    expect(await admin.studio.orgImportStatus({ importId: id })).toMatchObject({ state: 'running', dryRun: true });
    // Parsed: the phase change is written at once, with the number of rows.
    const deadline = Date.now() + 5000;
    let seen = await admin.studio.orgImportStatus({ importId: id });
    while (seen.phase !== 'validating' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await admin.studio.orgImportStatus({ importId: id });
    }
    expect(seen).toMatchObject({ state: 'running', phase: 'validating', total: 4 });
    release();
    await imports.settled(id);
    expect(await admin.studio.orgImportStatus({ importId: id })).toMatchObject({ state: 'done', accepted: 1, rejected: 3, total: 4 });
  });

  it('an import whose owner went quiet reads as failed (interrupted); a live owner keeps beating', async () => {
    const runtime = open.at(-1)!;
    const { admin } = await callers(runtime, 'quiet');
    // A process that started an import two minutes ago and then died: its heartbeat stopped then.
    const gone = new ImportStatusStore(() => runtime.db, () => new Date(Date.now() - 2 * STALE_MS));
    const initial = { state: 'running' as const, phase: 'validating' as const, processed: 10, total: 100, accepted: 0, rejected: 0, rejections: [], dryRun: false, applied: false };
    await gone.create({ id: 'dead-import', district: 'xigong', kind: 'grids', format: 'geojson', dryRun: false, owner: 'gone:1', createdBy: null }, initial);
    expect(await admin.studio.orgImportStatus({ importId: 'dead-import' })).toMatchObject({
      state: 'failed',
      interrupted: true,
      error: 'the import was interrupted (the server running it stopped or restarted): run it again',
      processed: 10,
      total: 100,
      applied: false,
    });
    // Finished before its owner went: the report stands, whatever the age of its last beat.
    await gone.create({ id: 'old-report', district: 'xigong', kind: 'units', format: 'csv', dryRun: true, owner: 'gone:1', createdBy: null }, initial);
    await gone.write('old-report', { ...initial, state: 'done', processed: 100 }, true);
    const old = await admin.studio.orgImportStatus({ importId: 'old-report' });
    expect(old).toMatchObject({ state: 'done', processed: 100 });
    expect(old.interrupted).toBeUndefined();

    // A live owner stuck in a long step still beats: its import reads as running.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const imports = createOrgImports(runtime, {
      drafts: (): DraftAccess => ({
        draftFile: async (p) => {
          await gate;
          return runtime.studio.draftFile(p);
        },
        saveDraftFiles: (c, f, r) => runtime.studio.saveDraftFiles(c, f, r),
      }),
      writer: { heartbeatMs: 30 },
    });
    const id = await imports.start(ctx, { kind: 'units', format: 'csv', dryRun: true, text: csvWithRejections(1) });
    const beat = async () => (await runtime.db.selectFrom('org_import').select('heartbeat_at').where('id', '=', id).executeTakeFirstOrThrow()).heartbeat_at as string;
    const firstBeat = await beat();
    await new Promise((r) => setTimeout(r, 150));
    expect(await beat()).not.toBe(firstBeat);
    expect(await admin.studio.orgImportStatus({ importId: id })).toMatchObject({ state: 'running' });
    release();
    await imports.settled(id);
    expect(await admin.studio.orgImportStatus({ importId: id })).toMatchObject({ state: 'done' });
  });

  it('writes progress by phase and at most once a second, not per row', async () => {
    const runtime = open.at(-1)!;
    const writes = vi.spyOn(ImportStatusStore.prototype, 'write');
    try {
      const imports = orgImportsFor(runtime);
      const id = await imports.start(ctx, { kind: 'units', format: 'csv', dryRun: true, text: csvWithRejections(3000) });
      await imports.settled(id);
      expect((await imports.status(ctx, id)).rejected).toBe(3000);
      // The phase change to validating, the final report, and a few timed progress writes at most.
      expect(writes.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(writes.mock.calls.length).toBeLessThan(20);
      expect(writes.mock.calls.at(-1)![2]).toBe(true);
    } finally {
      writes.mockRestore();
    }
  });

  it('a user without the configure right reads no status, and an unknown or expired id is not found', async () => {
    const runtime = open.at(-1)!;
    const { admin, worker } = await callers(runtime, 'deny');
    // A report past its keeping time is deleted when the next import starts.
    const expired = new ImportStatusStore(() => runtime.db, () => new Date(Date.now() - KEEP_MS - 60_000));
    await expired.create({ id: 'expired-import', district: 'xigong', kind: 'units', format: 'csv', dryRun: true, owner: 'gone:1', createdBy: null }, { state: 'done', phase: 'validating', processed: 1, total: 1, accepted: 1, rejected: 0, rejections: [], dryRun: true, applied: false });
    expect((await admin.studio.orgImportStatus({ importId: 'expired-import' })).state).toBe('done');
    const imports = orgImportsFor(runtime);
    const id = await imports.start(ctx, { kind: 'units', format: 'csv', dryRun: true, text: csvWithRejections(1) });
    await imports.settled(id);
    expect((await expectError(worker.studio.orgImportStatus({ importId: id }), TRPCError)).code).toBe('FORBIDDEN');
    expect((await expectError(admin.studio.orgImportStatus({ importId: 'never-started' }), TRPCError)).code).toBe('NOT_FOUND');
    expect((await expectError(admin.studio.orgImportStatus({ importId: 'expired-import' }), TRPCError)).code).toBe('NOT_FOUND');
    expect((await admin.studio.orgImportStatus({ importId: id })).state).toBe('done');
  });
});
