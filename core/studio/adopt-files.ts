import type { Kysely } from 'kysely';
import { manifestOf, type ConfigStore, type StoredVersion } from './config-store';

const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Start-up: the config folder's files become a new version (source 'files') when they differ from
 * the last version that came from files — a deploy. Whichever is newer, that deploy or a studio
 * publish, is the version that runs. A fresh database starts at version 1 from the files.
 */
export async function adoptConfigFiles(
  store: ConfigStore,
  db: Kysely<any>,
  files: Record<string, unknown>,
  now: () => Date,
): Promise<{ active: StoredVersion; recorded: boolean; runsFiles: boolean }> {
  const manifest = manifestOf(files);
  const lastFromFiles = await store.latestFrom('files');
  let recorded = false;
  if (!lastFromFiles || !same(lastFromFiles.manifest, manifest)) {
    try {
      await db.transaction().execute((trx) => store.record(trx, files, { source: 'files', at: now() }));
      recorded = true;
    } catch (e) {
      // Another instance starting from the same deploy recorded it first.
      const again = await store.latestFrom('files');
      if (!again || !same(again.manifest, manifest)) throw e;
    }
  }
  const active = (await store.latest())!;
  return { active, recorded, runsFiles: same(active.manifest, manifest) };
}
