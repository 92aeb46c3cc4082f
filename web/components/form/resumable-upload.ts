/** The file record the uploads API returns once the last byte is in. */
export interface UploadedFile {
  id: string;
  mimeType?: string;
  size?: number;
  width?: number;
  height?: number;
  thumbnailUrl?: string;
}

export interface UploadOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Bytes per PATCH; the API takes at most 1 MiB. */
  chunkSize?: number;
  /** Consecutive failures tolerated before giving up (the caller may resume later with `id`). */
  maxRetries?: number;
  retryDelay?: (attempt: number) => number;
  onProgress?: (sent: number, total: number) => void;
  /** Upload already created (resuming a failed one): continue from the server's offset. */
  id?: string;
  onCreated?: (id: string) => void;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly id?: string,
  ) {
    super(message);
  }
}

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function errorText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  return body?.message ?? body?.error?.message ?? `HTTP ${res.status}`;
}

/**
 * Sends a file through the resumable uploads API: create, then PATCH chunks at the server's
 * offset. A dropped chunk (network error or 5xx) is retried after asking the server (HEAD) how
 * much it has; a 409 tells the offset directly. Other 4xx are final (type or size refused).
 */
export async function uploadResumable(file: Blob & { name?: string }, options: UploadOptions = {}): Promise<UploadedFile> {
  const base = options.baseUrl ?? '/api/uploads';
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const chunk = Math.min(options.chunkSize ?? MiB, MiB);
  const maxRetries = options.maxRetries ?? 6;
  const delay = options.retryDelay ?? ((n: number) => Math.min(500 * 2 ** n, 8000));
  let failures = 0;
  const failed = async (err: unknown, id?: string) => {
    failures++;
    if (failures > maxRetries) throw err instanceof UploadError ? err : new UploadError(err instanceof Error ? err.message : String(err), undefined, id);
    await sleep(delay(failures - 1));
  };

  let id = options.id;
  let offset = 0;
  let needsHead = Boolean(id);
  while (!id) {
    try {
      const res = await doFetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filename: file.name ?? 'photo', size: file.size, mimeType: file.type || undefined }),
      });
      if (res.status >= 400 && res.status < 500) throw new UploadError(await errorText(res), res.status);
      if (!res.ok) throw new UploadError(await errorText(res), res.status);
      const body = (await res.json()) as { id: string; offset?: number };
      id = body.id;
      offset = body.offset ?? 0;
      options.onCreated?.(id);
    } catch (e) {
      if (e instanceof UploadError && e.status && e.status < 500) throw e;
      await failed(e);
    }
  }

  const url = `${base}/${encodeURIComponent(id)}`;
  for (;;) {
    try {
      if (needsHead) {
        const head = await doFetch(url, { method: 'HEAD' });
        if (head.status >= 400 && head.status < 500) throw new UploadError(`HTTP ${head.status}`, head.status, id);
        if (!head.ok) throw new UploadError(`HTTP ${head.status}`, head.status, id);
        offset = Number(head.headers.get('Upload-Offset') ?? 0);
        needsHead = false;
      }
      const res = await doFetch(url, {
        method: 'PATCH',
        headers: { 'Upload-Offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        body: file.slice(offset, Math.min(offset + chunk, file.size)),
      });
      if (res.status === 409) {
        const body = (await res.json().catch(() => ({}))) as { offset?: number };
        if (typeof body.offset === 'number') offset = body.offset;
        else needsHead = true;
        continue;
      }
      if (res.status >= 400 && res.status < 500) throw new UploadError(await errorText(res), res.status, id);
      if (!res.ok) throw new UploadError(await errorText(res), res.status, id);
      const body = (await res.json()) as { offset: number; complete?: boolean; file?: UploadedFile };
      offset = body.offset;
      failures = 0;
      options.onProgress?.(offset, file.size);
      if (body.complete || offset >= file.size) return body.file ?? { id };
    } catch (e) {
      if (e instanceof UploadError && e.status && e.status < 500) throw e;
      needsHead = true;
      await failed(e, id);
    }
  }
}
