import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createContextInner } from '../../../../../core/api';
import { parseLang } from '../../../../../core/i18n';
import { getRuntime } from '../../../../../core/runtime';

export const dynamic = 'force-dynamic';

/** Request bodies above this are refused before parsing (a record's data is capped far lower). */
const MAX_BODY_BYTES = 1024 * 1024;

async function handler(incoming: Request) {
  const req = await withBodyLimit(incoming, MAX_BODY_BYTES);
  if (!req) {
    return Response.json(
      { error: { message: `request body too large (limit ${MAX_BODY_BYTES} bytes)`, code: 'PAYLOAD_TOO_LARGE' } },
      { status: 413 },
    );
  }
  const runtime = await getRuntime();
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () =>
      createContextInner({
        runtime,
        lang: parseLang(req.headers.get('x-gridwork-lang') ?? cookieLang(req) ?? runtime.options.lang),
        requestId: req.headers.get('x-request-id') ?? undefined,
      }),
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

function cookieLang(req: Request): string | undefined {
  return /(?:^|;\s*)lang=([^;]+)/.exec(req.headers.get('cookie') ?? '')?.[1];
}

export { handler as GET, handler as POST };
