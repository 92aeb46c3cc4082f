import { readBody } from '../api/read-body';
import { isGridworkError } from '../errors';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import { requestLang } from '../intake';
import type { Runtime } from '../runtime';
import { open311Errors, open311Response, type Format } from './open311-format';
import type { Params } from './open311-service';

const STATUS = { unauthorized: 403, forbidden: 403, notFound: 404, validation: 400, conflict: 400, tooLarge: 400, plugin: 500 } as const;

/** Query and body parameters; `attribute[x][]` repeats collect into arrays. */
async function paramsOf(req: Request): Promise<Params> {
  const params: Params = {};
  const add = (k: string, v: string) => {
    const prev = params[k];
    params[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  };
  new URL(req.url).searchParams.forEach((v, k) => add(k, v));
  if (req.method !== 'POST') return params;
  const type = req.headers.get('content-type') ?? '';
  const body = (await readBody(req, 64 * 1024)) ?? Buffer.alloc(0);
  if (type.includes('application/json')) {
    const json = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    for (const [k, v] of Object.entries(json)) {
      if (k === 'attribute' && v && typeof v === 'object') for (const [a, av] of Object.entries(v)) add(`attribute[${a}]`, String(av));
      else if (v !== null && v !== undefined) add(k, String(v));
    }
  } else {
    new URLSearchParams(body.toString('utf8')).forEach((v, k) => add(k, v));
  }
  return params;
}

/**
 * /open311/v2/<path>.<json|xml>: the GeoReport v2 resources. Errors follow the spec: a bad or
 * missing api_key is 403, an unknown resource 404, anything else the caller got wrong 400, each as
 * [{code, description}] in the asked format.
 */
export async function handleOpen311(runtime: Runtime, req: Request, segments: string[]): Promise<Response> {
  const lang: Lang = requestLang(req, runtime.options.lang);
  const match = /^(.*)\.(json|xml)$/.exec(segments.join('/'));
  const format: Format = (match?.[2] as Format) ?? 'xml';
  const resource = match?.[1] ?? '';
  const service = runtime.open311;
  try {
    let params: Params;
    try {
      params = await paramsOf(req);
    } catch (e) {
      return open311Errors(format, 400, [t(lang, 'validation.badJson', { detail: (e as Error).message })]);
    }
    const jurisdiction = params.jurisdiction_id;
    if (jurisdiction !== undefined && jurisdiction !== runtime.bundle.district.id) return open311Errors(format, 404, [t(lang, 'open311.notFound')]);
    const [head, id, ...rest] = resource.split('/');
    if (!match || rest.length) return open311Errors(format, 404, [t(lang, 'open311.notFound')]);
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (get && head === 'discovery' && id === undefined) {
      const base = new URL(req.url);
      return open311Response(format, 'discovery', service.discovery(`${base.origin}/open311/v2`, lang));
    }
    if (get && head === 'services' && id === undefined) return open311Response(format, 'services', service.services(lang));
    if (get && head === 'services') return open311Response(format, 'service_definition', service.serviceDefinition(decodeURIComponent(id), lang));
    if (head === 'requests' && id === undefined && req.method === 'POST') return open311Response(format, 'service_requests', await service.createRequest(params, lang), 201);
    if (get && head === 'requests' && id === undefined) return open311Response(format, 'service_requests', await service.listRequests(params, lang));
    if (get && head === 'requests') return open311Response(format, 'service_requests', await service.getRequest(decodeURIComponent(id), lang));
    if (get && head === 'tokens' && id !== undefined) return open311Response(format, 'service_requests', await service.token(decodeURIComponent(id), lang));
    return open311Errors(format, 404, [t(lang, 'open311.notFound')]);
  } catch (e) {
    if (isGridworkError(e) && e.kind !== 'config') {
      const status = STATUS[e.kind];
      return open311Errors(format, status, e.issues.length ? e.issues.map((i) => (i.path && !i.message.includes(i.path) ? `${i.path}: ${i.message}` : i.message)) : [e.message]);
    }
    console.error('[open311]', e);
    return open311Errors(format, 500, ['internal error']);
  }
}
