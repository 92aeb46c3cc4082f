import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Runtime } from '../runtime';
import { routerFor } from './runtime-router';
import { createRequestContext } from './context';
import { readBody } from './read-body';

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

/** Buffers the body up to `limit` bytes into a new Request, or undefined when it is larger. */
async function withBodyLimit(req: Request, limit: number): Promise<Request | undefined> {
  if (req.method === 'GET' || !req.body) return req;
  const body = await readBody(req, limit);
  return body && new Request(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(body) });
}
