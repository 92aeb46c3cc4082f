/**
 * An in-memory implementation of the uploads HTTP API (create, PATCH at offset, HEAD) behind a
 * fetch function, for tests of the client. `dropAfterStore` loses the response of the given PATCH
 * calls after the bytes were stored, as a weak phone connection does.
 */
export function fakeUploadServer(opts: { dropAfterStore?: number[]; failBeforeStore?: number[]; maxSize?: number } = {}) {
  const uploads = new Map<string, { size: number; bytes: Uint8Array; offset: number; mimeType?: string }>();
  const calls: string[] = [];
  let patches = 0;
  let next = 1;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const method = init.method ?? 'GET';
    calls.push(`${method} ${url}`);
    if (method === 'POST') {
      const body = JSON.parse(String(init.body)) as { size: number; mimeType?: string };
      if (opts.maxSize && body.size > opts.maxSize) return json(413, { message: 'too large' });
      const id = `f${next++}`;
      uploads.set(id, { size: body.size, bytes: new Uint8Array(body.size), offset: 0, mimeType: body.mimeType });
      return json(201, { id, offset: 0, size: body.size });
    }
    const id = decodeURIComponent(url.split('/').pop()!);
    const upload = uploads.get(id);
    if (!upload) return json(404, { message: 'no such upload' });
    if (method === 'HEAD') return new Response(null, { status: 200, headers: { 'Upload-Offset': String(upload.offset) } });
    if (method === 'PATCH') {
      patches++;
      if (opts.failBeforeStore?.includes(patches)) throw new TypeError('network down');
      const offset = Number(new Headers(init.headers).get('Upload-Offset'));
      if (offset !== upload.offset) return json(409, { offset: upload.offset });
      const chunk = new Uint8Array(await (init.body as Blob).arrayBuffer());
      upload.bytes.set(chunk, offset);
      upload.offset += chunk.length;
      if (opts.dropAfterStore?.includes(patches)) throw new TypeError('connection reset');
      const complete = upload.offset >= upload.size;
      return json(200, {
        id,
        offset: upload.offset,
        complete,
        ...(complete ? { file: { id, mimeType: upload.mimeType, size: upload.size, thumbnailUrl: `/api/uploads/${id}/thumbnail` } } : {}),
      });
    }
    return json(405, {});
  };
  return { fetch: fetchFn as typeof fetch, uploads, calls };
}
