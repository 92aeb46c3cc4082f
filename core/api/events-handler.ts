import { viewerFilter, sseStream } from '../realtime';
import type { Runtime } from '../runtime';
import { t } from '../i18n';
import { createRequestContext } from './context';

/**
 * GET /api/events: the signed-in viewer's live events (new cases, transitions such as closures,
 * breaches, broadcasts) as server-sent events, filtered by their permissions.
 */
export async function handleEventsRequest(runtime: Runtime, req: Request): Promise<Response> {
  const ctx = await createRequestContext(runtime, req);
  if (!ctx.principal || !ctx.ability) {
    return Response.json({ error: { message: t(ctx.lang, 'unauthorized.session'), code: 'UNAUTHORIZED' } }, { status: 401 });
  }
  const accept = viewerFilter(ctx.principal, ctx.ability, runtime.registry, runtime.org);
  return new Response(sseStream(runtime.realtime, accept, { signal: req.signal }), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
