import { t, type Lang } from '../i18n';
import type { Runtime } from '../runtime';
import { BLOB_GRACE_MS } from './collect-blobs';

/**
 * `gridwork studio gc`: deletes the config blobs no version and no draft file references, unused
 * for the grace period (minutes; 10 by default), and prints each one it removed. Exit code 0.
 */
export async function runStudioGc(runtime: Runtime, options: { graceMinutes?: number; lang: Lang }): Promise<number> {
  const { lang } = options;
  const graceMs = options.graceMinutes === undefined ? BLOB_GRACE_MS : options.graceMinutes * 60_000;
  const removed = await runtime.studio.collectBlobs({ graceMs });
  for (const blob of removed) console.log(t(lang, 'studio.gc.removed', { hash: blob.hash, bytes: blob.bytes }));
  const bytes = removed.reduce((sum, b) => sum + b.bytes, 0);
  console.log(removed.length ? t(lang, 'studio.gc.summary', { count: removed.length, bytes }) : t(lang, 'studio.gc.none', { minutes: graceMs / 60_000 }));
  return 0;
}
