import { restError } from '../errors';
import { NotFoundError, ValidationError } from '../errors';
import { parseLang, t } from '../i18n';
import type { Runtime } from '../runtime';

/** Bodies above this are refused: telemetry and CSV imports come in small pieces. */
export const MAX_PLUGIN_BODY_BYTES = 1024 * 1024;

/**
 * /api/plugins/<plugin>/<...path>: finds the enabled plugin's route and runs it. A disabled or
 * unknown plugin is a 404, like a route it does not have. JSON bodies arrive parsed; other bodies
 * (CSV) as text. Domain errors become their status with the issues naming the fields.
 */
export async function handlePluginRequest(runtime: Runtime, plugin: string, segments: string[], request: Request): Promise<Response> {
  const cookieLang = /(?:^|;\s*)lang=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  const lang = parseLang(request.headers.get('x-gridwork-lang') ?? cookieLang ?? runtime.options.lang);
  try {
    if (!runtime.plugins.isEnabled(plugin)) throw new NotFoundError(t(lang, 'plugin.notFound', { plugin }));
    const match = runtime.plugins.route(plugin, request.method, segments);
    if (!match) throw new NotFoundError(t(lang, 'plugin.noRoute', { plugin, method: request.method, path: segments.join('/') }));
    const body = await readBody(request, lang);
    const result = await match.route.handler({ request, params: match.params, body, lang, plugin: runtime.plugins.api(plugin) });
    return result instanceof Response ? result : Response.json(result ?? null);
  } catch (error) {
    return restError(error, `plugin ${plugin}`);
  }
}

async function readBody(request: Request, lang: ReturnType<typeof parseLang>): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'DELETE' || !request.body) return undefined;
  const declared = Number(request.headers.get('content-length') ?? 0);
  const text = declared > MAX_PLUGIN_BODY_BYTES ? '' : await request.text();
  if (declared > MAX_PLUGIN_BODY_BYTES || Buffer.byteLength(text) > MAX_PLUGIN_BODY_BYTES) {
    const message = t(lang, 'validation.tooLarge', { limit: MAX_PLUGIN_BODY_BYTES });
    throw new ValidationError(message, [{ path: '/', message, code: 'tooLarge' }]);
  }
  if (!(request.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch (e) {
    const message = t(lang, 'validation.badJson', { detail: (e as Error).message });
    throw new ValidationError(message, [{ path: '/', message, code: 'badJson' }]);
  }
}
