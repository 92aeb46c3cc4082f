import { ForbiddenError, restError, TooLargeError, UnauthorizedError, ValidationError } from '../errors';
import { t } from '../i18n';
import type { Runtime } from '../runtime';
import { createRequestContext, serviceContext, type ApiContext } from './context';
import { readBody } from './read-body';

/** An exported config holds every file, a city's grids included (megabytes): far above the tRPC body cap. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

function requireConfigure(ctx: ApiContext): void {
  if (!ctx.principal || !ctx.ability) throw new UnauthorizedError(t(ctx.lang, 'unauthorized.session'));
  if (!ctx.ability.can('configure', 'Config')) throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'configure', entity: 'Config' }));
}

/** GET /api/studio/export — the running config as a download, gridwork-<district>-v<N>.json. */
export async function handleStudioExport(runtime: Runtime, req: Request): Promise<Response> {
  try {
    const ctx = await createRequestContext(runtime, req);
    requireConfigure(ctx);
    const file = await runtime.studio.exportConfig();
    return new Response(JSON.stringify(file, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="gridwork-${file.district}-v${file.version}.json"`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    return restError(e, 'studio.export');
  }
}

/**
 * POST /api/studio/import?dryRun=1|0 — body: an exported config file (what studio.importConfig
 * takes, for files too large for a tRPC call). Answers as importConfig does.
 */
export async function handleStudioImport(runtime: Runtime, req: Request): Promise<Response> {
  try {
    const ctx = await createRequestContext(runtime, req);
    requireConfigure(ctx);
    const body = await readBody(req, MAX_IMPORT_BYTES);
    if (!body) throw new TooLargeError(t(ctx.lang, 'validation.tooLarge', { limit: MAX_IMPORT_BYTES }));
    let file: unknown;
    try {
      file = JSON.parse(body.toString('utf8'));
    } catch (e) {
      const message = t(ctx.lang, 'validation.badJson', { detail: (e as Error).message });
      throw new ValidationError(message, [{ path: '', message, code: 'json' }]);
    }
    const dryRun = new URL(req.url).searchParams.get('dryRun') === '1';
    return Response.json(await runtime.studio.importConfig(serviceContext(ctx), file, { dryRun }));
  } catch (e) {
    return restError(e, 'studio.import');
  }
}
