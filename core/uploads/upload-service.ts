import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { EntityRegistry, ServiceContext, EntityService } from '../entities';
import { ConflictError, ForbiddenError, NotFoundError, TooLargeError, ValidationError } from '../errors';
import { t, type Lang } from '../i18n';
import { ALLOWED_TYPES, SNIFF_BYTES, sniffType } from './content-check';
import { imageFacts, type ExifFacts } from './image-facts';

/** Largest PATCH body: a phone on a weak connection resumes at most a mebibyte. */
export const MAX_CHUNK_BYTES = 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadedFile {
  id: string;
  mimeType: string;
  size: number;
  width?: number;
  height?: number;
  exif?: ExifFacts;
  thumbnailUrl: string | null;
}

export interface UploadProgress {
  id: string;
  offset: number;
  size: number;
  complete: boolean;
  file?: UploadedFile;
}

interface UploadDeps {
  db: Kysely<any>;
  /** Folder of the stored files (DATA_DIR/uploads). */
  dir: string;
  maxBytes: number;
  entities: EntityService;
  registry: EntityRegistry;
  now: () => Date;
  /** Zone of EXIF capture times written without an offset (the district's). */
  timeZone: string;
  /** Public path the thumbnail URL starts with. */
  basePath?: string;
}

const ID = /^[0-9a-f-]{36}$/;

/**
 * Resumable uploads (tus-like): create with the declared size, append chunks at the current
 * offset, resume after a dropped connection from the stored offset. The content is checked by its
 * bytes; a finished image gets its EXIF position and a thumbnail. `owner` is "user:<id>" or
 * "channel:<key>": only the owner appends; readers are the owner or anyone who may read a record
 * that holds the file.
 */
export class UploadService {
  constructor(private readonly deps: UploadDeps) {}

  private file(id: string, kind: 'part' | 'data' | 'thumb'): string {
    return path.join(this.deps.dir, kind === 'data' ? id : `${id}.${kind === 'part' ? 'part' : 'thumb.jpg'}`);
  }

  async create(owner: string, input: { filename?: unknown; size?: unknown; mimeType?: unknown }, lang: Lang): Promise<UploadProgress> {
    const issues = [];
    const filename = typeof input.filename === 'string' ? path.basename(input.filename.replace(/\\/g, '/')).slice(0, 255) : '';
    if (!filename) issues.push({ path: '/filename', message: t(lang, 'open311.missing', { field: 'filename' }), code: 'required' });
    const size = input.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) issues.push({ path: '/size', message: t(lang, 'open311.badParam', { field: 'size', detail: '≥ 1' }), code: 'minimum' });
    if (issues.length) throw new ValidationError(t(lang, 'validation.failed', { count: issues.length }), issues);
    if ((size as number) > this.deps.maxBytes) {
      const message = t(lang, 'upload.tooLarge', { size: size as number, limit: this.deps.maxBytes });
      throw new TooLargeError(message, [{ path: '/size', message, code: 'tooLarge' }]);
    }
    const id = randomUUID();
    mkdirSync(this.deps.dir, { recursive: true });
    await writeFile(this.file(id, 'part'), Buffer.alloc(0));
    await this.deps.db
      .insertInto('upload')
      .values({ id, filename, size, received: 0, status: 'partial', mime_type: typeof input.mimeType === 'string' ? input.mimeType.slice(0, 100) : null, owner, created_at: this.deps.now().toISOString() })
      .execute();
    return { id, offset: 0, size: size as number, complete: false };
  }

  private async row(id: string, lang: Lang): Promise<Record<string, any>> {
    const row = ID.test(id) ? await this.deps.db.selectFrom('upload').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError(t(lang, 'upload.notFound', { id }));
    return row;
  }

  private async owned(owner: string, id: string, lang: Lang): Promise<Record<string, any>> {
    const row = await this.row(id, lang);
    // Someone else's upload id is answered like an unknown one: ids are not to be probed.
    if (row.owner !== owner) throw new NotFoundError(t(lang, 'upload.notFound', { id }));
    return row;
  }

  /** The offset to resume from. */
  async offset(owner: string, id: string, lang: Lang): Promise<UploadProgress> {
    const row = await this.owned(owner, id, lang);
    return { id, offset: Number(row.received), size: Number(row.size), complete: row.status === 'complete', file: row.status === 'complete' ? this.fileOf(row) : undefined };
  }

  async append(owner: string, id: string, offset: number, chunk: Buffer, lang: Lang): Promise<UploadProgress> {
    const row = await this.owned(owner, id, lang);
    const received = Number(row.received);
    const size = Number(row.size);
    if (row.status === 'complete' || offset !== received) {
      const message = t(lang, 'upload.offsetMismatch', { given: offset, offset: received });
      throw new ConflictError(message, [{ path: 'Upload-Offset', message, code: String(received) }]);
    }
    if (chunk.length > MAX_CHUNK_BYTES) throw new TooLargeError(t(lang, 'upload.chunkTooLarge', { limit: MAX_CHUNK_BYTES }));
    if (offset + chunk.length > size) {
      const message = t(lang, 'upload.beyondSize', { size });
      throw new ValidationError(message, [{ path: 'Upload-Offset', message, code: 'beyondSize' }]);
    }
    // The first chunk already shows what the file is: refuse an .exe before storing the rest.
    if (offset === 0 && chunk.length >= Math.min(size, SNIFF_BYTES)) await this.refuseUnlessAllowed(id, chunk, lang);
    const handle = await open(this.file(id, 'part'), 'r+');
    try {
      await handle.write(chunk, 0, chunk.length, offset);
    } finally {
      await handle.close();
    }
    const moved = await this.deps.db.updateTable('upload').set({ received: offset + chunk.length }).where('id', '=', id).where('received', '=', offset).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) {
      const current = Number((await this.row(id, lang)).received);
      const message = t(lang, 'upload.offsetMismatch', { given: offset, offset: current });
      throw new ConflictError(message, [{ path: 'Upload-Offset', message, code: String(current) }]);
    }
    if (offset + chunk.length < size) return { id, offset: offset + chunk.length, size, complete: false };
    return this.complete(id, lang);
  }

  private async refuseUnlessAllowed(id: string, head: Uint8Array, lang: Lang): Promise<string> {
    const { mime, allowed } = await sniffType(head.subarray(0, SNIFF_BYTES));
    if (allowed) return mime;
    await this.discard(id);
    const message = t(lang, 'upload.badType', { detected: mime, allowed: ALLOWED_TYPES.join(', ') });
    throw new ValidationError(message, [{ path: '/file', message, code: 'badType' }]);
  }

  private async discard(id: string): Promise<void> {
    await this.deps.db.deleteFrom('upload').where('id', '=', id).execute();
    for (const kind of ['part', 'data', 'thumb'] as const) await rm(this.file(id, kind), { force: true });
  }

  private async complete(id: string, lang: Lang): Promise<UploadProgress> {
    const bytes = await readFile(this.file(id, 'part'));
    const mime = await this.refuseUnlessAllowed(id, bytes, lang);
    const facts = await imageFacts(bytes, mime, this.deps.timeZone);
    if (facts.thumbnail) await writeFile(this.file(id, 'thumb'), facts.thumbnail);
    await rename(this.file(id, 'part'), this.file(id, 'data'));
    await this.deps.db
      .updateTable('upload')
      .set({ status: 'complete', mime_type: mime, width: facts.width ?? null, height: facts.height ?? null, exif: facts.exif ? JSON.stringify(facts.exif) : null, has_thumbnail: facts.thumbnail ? 1 : 0, completed_at: this.deps.now().toISOString() })
      .where('id', '=', id)
      .execute();
    const row = await this.row(id, lang);
    return { id, offset: bytes.length, size: bytes.length, complete: true, file: this.fileOf(row) };
  }

  private fileOf(row: Record<string, any>): UploadedFile {
    const base = this.deps.basePath ?? '/api/uploads';
    return {
      id: row.id,
      mimeType: row.mime_type,
      size: Number(row.size),
      ...(row.width != null ? { width: Number(row.width), height: Number(row.height) } : {}),
      ...(row.exif ? { exif: JSON.parse(row.exif) } : {}),
      thumbnailUrl: Number(row.has_thumbnail) ? `${base}/${row.id}/thumbnail` : null,
    };
  }

  /**
   * A finished file for a reader: its owner, or someone who may read a record holding its id in
   * a photo/file field (checked through the entity service's scoped query, like every read).
   */
  async read(owner: string, ctx: ServiceContext, id: string, variant: 'data' | 'thumb' = 'data'): Promise<{ bytes: Buffer; mimeType: string; filename: string }> {
    const row = await this.row(id, ctx.lang);
    if (row.status !== 'complete') throw new NotFoundError(t(ctx.lang, 'upload.incomplete', { id }));
    if (row.owner !== owner && !(await this.referencedReadably(ctx, id))) {
      throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'read', entity: 'Upload' }));
    }
    if (variant === 'thumb' && !Number(row.has_thumbnail)) throw new NotFoundError(t(ctx.lang, 'upload.noThumbnail'));
    const bytes = await readFile(this.file(id, variant));
    return { bytes, mimeType: variant === 'thumb' ? 'image/jpeg' : row.mime_type, filename: row.filename };
  }

  private async referencedReadably(ctx: ServiceContext, id: string): Promise<boolean> {
    if (!ctx.ability) return false;
    for (const entity of this.deps.registry.all()) {
      const fields = Object.entries(entity.def.schema.properties)
        .filter(([, f]) => ['photo', 'file'].includes(String((f as Record<string, unknown>)['x-widget'])))
        .map(([name]) => name);
      if (!fields.length) continue;
      const hit = await this.deps.entities
        .scopedQuery(ctx, entity)
        .select('id')
        .where((eb) => eb.or(fields.map((f) => eb(sql.ref(f), 'like', `%"${id}"%`))))
        .limit(1)
        .executeTakeFirst();
      if (hit) return true;
    }
    return false;
  }
}
