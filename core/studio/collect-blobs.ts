import type { ExpressionBuilder, Kysely } from 'kysely';
import { hashText } from './config-store';

/**
 * An unreferenced blob is kept this long after it was last written or reused. Far longer than any
 * transaction recording a version: one that found a blob and is about to reference it has marked
 * it used, so collection never takes a blob from under it.
 */
export const BLOB_GRACE_MS = 10 * 60 * 1000;

export interface CollectedBlob {
  hash: string;
  bytes: number;
}

/**
 * Deletes the config blobs that no version and no draft file references and that have not been
 * used for `graceMs`. Versions keep their blobs for ever, so today a blob is left unreferenced
 * only from outside the studio: a version row deleted by hand, or a database restored from a
 * partial copy; collection keeps such leftovers (a city's grids blob is megabytes) from piling up.
 * Draft files hold their content inline; a blob with the same content as one is kept too, as
 * publishing the draft is about to use it. Each delete checks the grace period again, so a version
 * recorded meanwhile (which marks its blobs used) keeps what it references.
 */
export async function collectConfigBlobs(db: Kysely<any>, options: { now: Date; graceMs?: number }): Promise<CollectedBlob[]> {
  const cutoff = new Date(options.now.getTime() - (options.graceMs ?? BLOB_GRACE_MS)).toISOString();
  // A blob written by a build from before used_at existed has none: idle since then.
  const idle = (eb: ExpressionBuilder<any, any>) => eb.or([eb('used_at', 'is', null), eb('used_at', '<', cutoff)]);
  const candidates = await db.selectFrom('config_blob').select(['hash', 'bytes']).where(idle).execute();
  if (!candidates.length) return [];
  const inVersions = new Set<string>();
  for (const v of await db.selectFrom('config_version').select('manifest').execute()) {
    for (const hash of Object.values(JSON.parse(v.manifest) as Record<string, string>)) inVersions.add(hash);
  }
  const unreferenced = candidates.filter((c) => !inVersions.has(c.hash));
  // The draft (megabytes, when it holds the grids) is read only when there is something to spare.
  if (!unreferenced.length) return [];
  const inDraft = new Set<string>();
  for (const d of await db.selectFrom('config_draft_file').select('content').where('content', 'is not', null).execute()) inDraft.add(hashText(d.content));
  const removed: CollectedBlob[] = [];
  for (const c of unreferenced) {
    if (inDraft.has(c.hash)) continue;
    const result = await db.deleteFrom('config_blob').where('hash', '=', c.hash).where(idle).executeTakeFirst();
    if (Number(result.numDeletedRows) > 0) removed.push({ hash: c.hash, bytes: Number(c.bytes) });
  }
  return removed;
}
