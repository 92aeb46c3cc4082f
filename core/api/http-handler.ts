import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Runtime } from '../runtime';
import { routerFor } from './runtime-router';
import { createRequestContext } from './context';

/** Request bodies above this are refused before parsing (a record's data is capped far lower). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The tRPC endpoint as a plain fetch handler: the Next.js route is a one-line wrapper around it,
 * and tests call it directly with real Requests (cookies, bodies) and no server.
 */
export async function handleTrpcRequest(runtime: Runtime, incoming: Request, endpoint = '/api/trpc'): Promise<Response> {
  const req = await withBodyLimit(incoming, MAX_BODY_BYTES);
  if (!req) {
    return Response.json({ error: { message: `request body too large (limit ${MAX_BODY_BYTES} bytes)`, code: 'PAYLOAD_TOO_LARGE' } }, { status: 413 });
  }
  return fetchRequestHandler({
    endpoint,
    req,
    router: routerFor(runtime),
    createContext: () => createRequestContext(runtime, req),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path ?? '?'}:`, error.cause ?? error);
    },
  });
}

/** Buffers the body up to `limit` bytes (chunked uploads carry no content-length to trust). */
async function withBodyLimit(req: Request, limit: number): Promise<Request | undefined> {
  if (req.method === 'GET' || !req.body) return req;
  if (Number(req.headers.get('content-length') ?? 0) > limit) return undefined;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
}
