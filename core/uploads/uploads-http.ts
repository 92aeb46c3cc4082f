import { createRequestContext, serviceContext } from '../api/context';
import { readBody } from '../api/read-body';
import type { ServiceContext } from '../entities';
import { isGridworkError, restError, TooLargeError, UnauthorizedError, ValidationError } from '../errors';
import { t, type Lang } from '../i18n';
import { channelForKey, keyFromHeaders, requestLang } from '../intake';
import type { Runtime } from '../runtime';
import { MAX_CHUNK_BYTES } from './upload-service';

/** Who uploads: a signed-in person (session cookie) or a channel (its API key). */
async function uploader(runtime: Runtime, req: Request, lang: Lang): Promise<{ owner: string; ctx: ServiceContext }> {
  const api = await createRequestContext(runtime, req);
  if (api.principal) return { owner: `user:${api.principal.id}`, ctx: { ...serviceContext(api), lang } };
  const channel = await channelForKey(runtime.db, keyFromHeaders(req.headers));
  if (channel) return { owner: `channel:${channel}`, ctx: { lang, actor: { id: `channel:${channel}` } } };
  throw new UnauthorizedError(t(lang, 'upload.auth'));
}

async function handle(runtime: Runtime, req: Request, work: (who: { owner: string; ctx: ServiceContext }, lang: Lang) => Promise<Response>): Promise<Response> {
  const lang = requestLang(req, runtime.options.lang);
  try {
    return await work(await uploader(runtime, req, lang), lang);
  } catch (e) {
    // A wrong offset tells the client where to resume.
    if (isGridworkError(e) && e.kind === 'conflict' && e.issues[0]?.path === 'Upload-Offset') {
      return Response.json({ error: { code: 'conflict', message: e.message }, offset: Number(e.issues[0].code) }, { status: 409, headers: { 'upload-offset': e.issues[0].code! } });
    }
    return restError(e, 'uploads');
  }
}

/** POST /api/uploads {filename, size, mimeType?} → 201 {id, offset: 0, size} */
export function handleUploadCreate(runtime: Runtime, req: Request): Promise<Response> {
  return handle(runtime, req, async ({ owner }, lang) => {
    // JSON only: a cross-site HTML form (text/plain, no preflight) cannot start uploads with a cookie.
    if (!(req.headers.get('content-type') ?? '').includes('application/json')) {
      throw new ValidationError(t(lang, 'validation.badJson', { detail: 'Content-Type must be application/json' }));
    }
    const body = await readBody(req, 16 * 1024);
    if (!body) throw new TooLargeError(t(lang, 'validation.tooLarge', { limit: 16 * 1024 }));
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw new ValidationError(t(lang, 'validation.badJson', { detail: (e as Error).message }));
    }
    const created = await runtime.uploads.create(owner, input ?? {}, lang);
    return Response.json({ id: created.id, offset: 0, size: created.size }, { status: 201, headers: { location: `/api/uploads/${created.id}`, 'upload-offset': '0' } });
  });
}

/** PATCH /api/uploads/{id} with Upload-Offset and raw bytes → {id, offset, complete, file?} */
export function handleUploadPatch(runtime: Runtime, req: Request, id: string): Promise<Response> {
  return handle(runtime, req, async ({ owner }, lang) => {
    const header = req.headers.get('upload-offset');
    if (header === null || !/^\d+$/.test(header)) {
      const message = t(lang, 'upload.badOffset');
      throw new ValidationError(message, [{ path: 'Upload-Offset', message, code: 'badOffset' }]);
    }
    const chunk = await readBody(req, MAX_CHUNK_BYTES);
    if (!chunk) throw new TooLargeError(t(lang, 'upload.chunkTooLarge', { limit: MAX_CHUNK_BYTES }));
    const progress = await runtime.uploads.append(owner, id, Number(header), chunk, lang);
    return Response.json({ id, offset: progress.offset, complete: progress.complete, ...(progress.file ? { file: progress.file } : {}) }, { headers: { 'upload-offset': String(progress.offset) } });
  });
}

/** HEAD /api/uploads/{id} → Upload-Offset (where to resume) */
export function handleUploadHead(runtime: Runtime, req: Request, id: string): Promise<Response> {
  return handle(runtime, req, async ({ owner }, lang) => {
    const p = await runtime.uploads.offset(owner, id, lang);
    return new Response(null, { status: 200, headers: { 'upload-offset': String(p.offset), 'upload-length': String(p.size), 'cache-control': 'no-store' } });
  });
}

/** GET /api/uploads/{id} (or its /thumbnail): the bytes, for the owner or a reader of a record holding it. */
export function handleUploadGet(runtime: Runtime, req: Request, id: string, variant: 'data' | 'thumb' = 'data'): Promise<Response> {
  return handle(runtime, req, async ({ owner, ctx }) => {
    const file = await runtime.uploads.read(owner, ctx, id, variant);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'content-type': file.mimeType,
        'content-length': String(file.bytes.length),
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=3600',
      },
    });
  });
}
