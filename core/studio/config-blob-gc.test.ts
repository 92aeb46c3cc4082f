import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { BLOB_GRACE_MS } from './collect-blobs';
import { ConfigStore, hashContent } from './config-store';
import { runStudioGc } from './studio-gc-command';

const FILE = 'entities/incident-case.json';
const ctx = systemContext('en');

describe.each(dialects())('config blob collection on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
  });
  afterAll(() => close());

  const longAgo = () => new Date(runtime.now().getTime() - 2 * BLOB_GRACE_MS).toISOString();
  /** A stored blob nothing references, last used at `usedAt`. */
  const orphan = async (content: unknown, usedAt: string) => {
    const { hash, text } = hashContent(content);
    await runtime.db.insertInto('config_blob').values({ hash, content: text, bytes: Buffer.byteLength(text), used_at: usedAt }).execute();
    return hash;
  };
  const blobHashes = async () => new Set((await runtime.db.selectFrom('config_blob').select('hash').execute()).map((r) => r.hash as string));
  /** Every blob marked unused for longer than the grace period: only references may keep one. */
  const ageAll = () => runtime.db.updateTable('config_blob').set({ used_at: longAgo() }).execute();
  const versionHashes = async () => Object.values((await new ConfigStore(runtime.db).latest())!.manifest);
  const relabel = async (en: string) => {
    const file = (await runtime.studio.draftFile(FILE))!.content as { label: Record<string, string> };
    const content = { ...file, label: { ...file.label, en } };
    await runtime.studio.saveDraftFiles(ctx, { [FILE]: content });
    return content;
  };

  it('removes an unreferenced blob unused for the grace period; spares one used within it', async () => {
    const old = await orphan({ leftover: 'old' }, longAgo());
    const fresh = await orphan({ leftover: 'fresh' }, runtime.now().toISOString());
    const removed = await runtime.studio.collectBlobs();
    expect(removed).toEqual([{ hash: old, bytes: Buffer.byteLength(JSON.stringify({ leftover: 'old' })) }]);
    const left = await blobHashes();
    expect(left.has(old)).toBe(false);
    expect(left.has(fresh)).toBe(true);
    // No grace: the fresh one goes too.
    expect((await runtime.studio.collectBlobs({ graceMs: 0 })).map((b) => b.hash)).toEqual([fresh]);
  });

  it('never removes a blob a version references, however long unused; the running config still loads', async () => {
    const before = await blobHashes();
    await ageAll();
    expect(await runtime.studio.collectBlobs({ graceMs: 0 })).toEqual([]);
    expect(await blobHashes()).toEqual(before);
    for (const hash of await versionHashes()) expect(before.has(hash)).toBe(true);
    // Read through a new store (no parsed cache): every file of the version is still there.
    const files = await new ConfigStore(runtime.db).files((await new ConfigStore(runtime.db).latest())!.manifest);
    expect(Object.keys(files)).toContain(FILE);
  });

  it("keeps a blob with a draft file's content while the draft has it; discarding the draft collects it", async () => {
    const content = await relabel('Draft label');
    const { hash } = hashContent(content);
    await orphan(content, longAgo());
    expect(await runtime.studio.collectBlobs({ graceMs: 0 })).toEqual([]);
    expect((await blobHashes()).has(hash)).toBe(true);
    // Discarding triggers collection: the draft no longer has the content, and no version does.
    await runtime.studio.discardDraft();
    expect((await blobHashes()).has(hash)).toBe(false);
  });

  it('publishing collects leftovers, and a blob it reuses is marked used and never collected from under it', async () => {
    const leftover = await orphan({ leftover: 'before publish' }, longAgo());
    // The content about to be published is already stored (unreferenced, long unused).
    const content = await relabel('Published label');
    const reused = await orphan(content, longAgo());
    const { version } = await runtime.studio.publish(ctx, { note: 'gc' });
    const left = await blobHashes();
    expect(left.has(leftover)).toBe(false);
    expect(left.has(reused)).toBe(true);
    const latest = (await new ConfigStore(runtime.db).latest())!;
    expect(latest.version).toBe(version);
    expect(latest.manifest[FILE]).toBe(reused);
    const row = await runtime.db.selectFrom('config_blob').select('used_at').where('hash', '=', reused).executeTakeFirstOrThrow();
    expect(row.used_at > longAgo()).toBe(true);
  });

  it('a version recorded after its blob was collected writes the blob again', async () => {
    // This process read the content before (its cache has it) while another instance collected it.
    const content = (await runtime.studio.draftFile(FILE))!.content as { label: Record<string, string> };
    const next = { ...content, label: { ...content.label, en: 'Collected meanwhile' } };
    const hash = await orphan(next, longAgo());
    const store = new ConfigStore(runtime.db);
    await store.files({ [FILE]: hash });
    expect(await runtime.studio.collectBlobs()).toEqual([expect.objectContaining({ hash })]);
    const active = await store.files((await store.latest())!.manifest);
    const recorded = await runtime.db.transaction().execute((trx) => store.record(trx, { ...active, [FILE]: next }, { source: 'studio', at: runtime.now() }));
    expect(recorded.manifest[FILE]).toBe(hash);
    expect((await blobHashes()).has(hash)).toBe(true);
    expect((await new ConfigStore(runtime.db).files(recorded.manifest))[FILE]).toEqual(next);
  });

  it('`studio gc` prints each blob it removed and a summary, or that there was nothing', async () => {
    const hash = await orphan({ leftover: 'for the CLI' }, longAgo());
    const bytes = JSON.stringify({ leftover: 'for the CLI' }).length;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await runStudioGc(runtime, { lang: 'en' })).toBe(0);
      expect(log.mock.calls.map((c) => c[0])).toEqual([`removed config blob ${hash} (${bytes} bytes)`, `1 unreferenced config blob(s) removed, ${bytes} bytes freed`]);
      log.mockClear();
      expect(await runStudioGc(runtime, { lang: 'en', graceMinutes: 0 })).toBe(0);
      expect(log.mock.calls.map((c) => c[0])).toEqual(['no unreferenced config blob unused for 0 min or more: nothing removed']);
    } finally {
      log.mockRestore();
    }
  });
});
