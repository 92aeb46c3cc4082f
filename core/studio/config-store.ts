import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

export type VersionSource = 'files' | 'studio' | 'rollback' | 'import';

export interface StoredVersion {
  version: number;
  source: VersionSource;
  note: string | null;
  /** path → content hash */
  manifest: Record<string, string>;
  createdBy: string | null;
  createdAt: string;
}

export interface DraftRow {
  path: string;
  content: unknown;
  rev: number;
  deleted: boolean;
  baseVersion: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** The canonical text of a config file and its hash: equal content, equal hash, stored once. */
export function hashContent(content: unknown): { hash: string; text: string } {
  const text = JSON.stringify(content);
  return { hash: hashText(text), text };
}

/** The hash of a canonical text as stored (a blob's, a draft file's). */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function manifestOf(files: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) out[path] = hashContent(files[path]).hash;
  return out;
}

const toVersion = (r: any): StoredVersion => ({
  version: Number(r.version),
  source: r.source,
  note: r.note ?? null,
  manifest: JSON.parse(r.manifest),
  createdBy: r.created_by ?? null,
  createdAt: r.created_at,
});

/**
 * Stored config versions, their content-addressed files and the shared draft. Plain data access:
 * the studio service decides what may be written.
 */
export class ConfigStore {
  /** Parsed blobs by hash: a version's files are read again on every reconfigure and diff. */
  private readonly parsed = new Map<string, unknown>();

  constructor(private readonly db: Kysely<any>) {}

  async latest(db: Kysely<any> = this.db): Promise<StoredVersion | undefined> {
    const row = await db.selectFrom('config_version').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }

  async latestNumber(db: Kysely<any> = this.db): Promise<number> {
    const row = await db.selectFrom('config_version').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  async latestFrom(source: VersionSource): Promise<StoredVersion | undefined> {
    const row = await this.db.selectFrom('config_version').selectAll().where('source', '=', source).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }

  async get(version: number): Promise<StoredVersion | undefined> {
    const row = await this.db.selectFrom('config_version').selectAll().where('version', '=', version).executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }

  async list(): Promise<StoredVersion[]> {
    const rows = await this.db.selectFrom('config_version').selectAll().orderBy('version', 'desc').execute();
    return rows.map(toVersion);
  }

  /** The files of a manifest, parsed (shared objects: callers must not mutate them). */
  async files(manifest: Record<string, string>): Promise<Record<string, unknown>> {
    const missing = Object.values(manifest).filter((h) => !this.parsed.has(h));
    for (let i = 0; i < missing.length; i += 50) {
      const rows = await this.db.selectFrom('config_blob').select(['hash', 'content']).where('hash', 'in', missing.slice(i, i + 50)).execute();
      for (const r of rows) this.parsed.set(r.hash, JSON.parse(r.content));
    }
    const out: Record<string, unknown> = {};
    for (const [path, hash] of Object.entries(manifest)) {
      if (!this.parsed.has(hash)) throw new Error(`config blob ${hash} of ${path} is missing`);
      out[path] = this.parsed.get(hash);
    }
    return out;
  }

  async blobSizes(hashes: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < hashes.length; i += 50) {
      const rows = await this.db.selectFrom('config_blob').select(['hash', 'bytes']).where('hash', 'in', hashes.slice(i, i + 50)).execute();
      for (const r of rows) out.set(r.hash, Number(r.bytes));
    }
    return out;
  }

  /**
   * Records the files as the next version, inside the caller's transaction. The version number is
   * the primary key: two instances recording at once cannot both win.
   */
  async record(
    trx: Kysely<any>,
    files: Record<string, unknown>,
    meta: { source: VersionSource; note?: string | null; createdBy?: string | null; at: Date },
  ): Promise<StoredVersion> {
    const manifest: Record<string, string> = {};
    const texts = new Map<string, string>();
    for (const path of Object.keys(files).sort()) {
      const { hash, text } = hashContent(files[path]);
      manifest[path] = hash;
      texts.set(hash, text);
    }
    await this.storeBlobs(trx, texts, meta.at.toISOString());
    const version = (await this.latestNumber(trx)) + 1;
    const row = {
      version,
      source: meta.source,
      note: meta.note ?? null,
      manifest: JSON.stringify(manifest),
      created_by: meta.createdBy ?? null,
      created_at: meta.at.toISOString(),
    };
    await trx.insertInto('config_version').values(row).execute();
    return toVersion(row);
  }

  /**
   * Stores the blobs a version is about to reference, in its transaction. Blobs already stored are
   * only marked used (not sent again: a city's grids run to megabytes). The mark is what keeps
   * collection (collect-blobs.ts) from racing this: it spares blobs used within its grace period
   * and checks that again as it deletes; should it have deleted one first, the mark finds no row
   * and the blob is written again. Whether a blob exists is asked of the database, never of this
   * process's cache: another instance may have collected it.
   */
  private async storeBlobs(trx: Kysely<any>, texts: Map<string, string>, usedAt: string): Promise<void> {
    const hashes = [...texts.keys()];
    const present = new Set<string>();
    for (let i = 0; i < hashes.length; i += 50) {
      const chunk = hashes.slice(i, i + 50);
      await trx.updateTable('config_blob').set({ used_at: usedAt }).where('hash', 'in', chunk).execute();
      for (const r of await trx.selectFrom('config_blob').select('hash').where('hash', 'in', chunk).execute()) present.add(r.hash);
    }
    for (const [hash, text] of texts) {
      if (present.has(hash)) continue;
      await trx
        .insertInto('config_blob')
        .values({ hash, content: text, bytes: Buffer.byteLength(text), used_at: usedAt })
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
    }
  }

  async draft(db: Kysely<any> = this.db): Promise<DraftRow[]> {
    const rows = await db.selectFrom('config_draft_file').selectAll().orderBy('path').execute();
    return rows.map((r) => ({
      path: r.path,
      content: r.content === null ? undefined : JSON.parse(r.content),
      rev: Number(r.rev),
      deleted: Number(r.deleted) === 1,
      baseVersion: Number(r.base_version),
      updatedBy: r.updated_by ?? null,
      updatedAt: r.updated_at,
    }));
  }

  async draftRow(db: Kysely<any>, path: string): Promise<{ rev: number } | undefined> {
    const row = await db.selectFrom('config_draft_file').select('rev').where('path', '=', path).executeTakeFirst();
    return row ? { rev: Number(row.rev) } : undefined;
  }

  async putDraft(
    trx: Kysely<any>,
    path: string,
    content: unknown | null,
    meta: { rev: number; baseVersion: number; updatedBy: string | null; at: Date },
  ): Promise<void> {
    const values = {
      path,
      content: content === null ? null : JSON.stringify(content),
      rev: meta.rev,
      deleted: content === null ? 1 : 0,
      base_version: meta.baseVersion,
      updated_by: meta.updatedBy,
      updated_at: meta.at.toISOString(),
    };
    await trx
      .insertInto('config_draft_file')
      .values(values)
      .onConflict((oc) =>
        oc.column('path').doUpdateSet({ content: values.content, rev: values.rev, deleted: values.deleted, base_version: values.base_version, updated_by: values.updated_by, updated_at: values.updated_at }),
      )
      .execute();
  }

  async deleteDraft(trx: Kysely<any>, path: string): Promise<void> {
    await trx.deleteFrom('config_draft_file').where('path', '=', path).execute();
  }

  async clearDraft(trx: Kysely<any>): Promise<void> {
    await trx.deleteFrom('config_draft_file').execute();
  }
}
