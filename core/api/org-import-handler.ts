import { ForbiddenError, restError, TooLargeError, UnauthorizedError, ValidationError } from '../errors';
import { t } from '../i18n';
import { ORG_IMPORT_FORMATS, ORG_IMPORT_KINDS, orgImportsFor, type OrgImportFormat, type OrgImportKind } from '../org-import';
import type { Runtime } from '../runtime';
import { createRequestContext, serviceContext } from './context';
import { readBody } from './read-body';

/** Zhengzhou's grids are 8.7 MB; a city several times its size still fits. */
export const MAX_ORG_IMPORT_BYTES = 64 * 1024 * 1024;

// What a cross-site form or no-cors fetch can send without a CORS preflight: refused, so a session
// cookie alone cannot start an import from another site. Anything else (text/csv, application/geo+json,
// application/vnd.ms-excel as Windows labels .csv files, application/octet-stream) is fine.
const SIMPLE_TYPES = ['', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
const SUGGESTED_TYPES = 'text/csv, application/geo+json';

/**
 * POST /api/studio/org-import?kind=units|grids&format=csv|geojson&dryRun=1|0 with the file as the raw
 * body → 202 {importId}; progress and the report through `studio.orgImportStatus`. Requires the
 * `configure` right; a real run writes the studio draft only.
 */
export async function handleOrgImportRequest(runtime: Runtime, req: Request): Promise<Response> {
  const ctx = await createRequestContext(runtime, req);
  const { lang } = ctx;
  try {
    if (!ctx.principal || !ctx.ability) throw new UnauthorizedError(t(lang, 'unauthorized.session'));
    if (!ctx.ability.can('configure', 'Config')) throw new ForbiddenError(t(lang, 'forbidden.action', { action: 'configure', entity: 'Config' }));
    const params = new URL(req.url).searchParams;
    const kind = params.get('kind') as OrgImportKind;
    if (!ORG_IMPORT_KINDS.includes(kind)) throw new ValidationError(t(lang, 'orgImport.badKind'), [{ path: '/kind', message: t(lang, 'orgImport.badKind'), code: 'enum' }]);
    const format = (params.get('format') ?? (kind === 'grids' ? 'geojson' : 'csv')) as OrgImportFormat;
    if (!ORG_IMPORT_FORMATS.includes(format)) throw new ValidationError(t(lang, 'orgImport.badFormat'), [{ path: '/format', message: t(lang, 'orgImport.badFormat'), code: 'enum' }]);
    // Anything but an explicit 0/false is a dry run: writing is what one asks for on purpose.
    const dryRun = !['0', 'false'].includes(params.get('dryRun') ?? '1');
    const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (SIMPLE_TYPES.includes(type)) {
      const message = t(lang, 'validation.contentType', { allowed: SUGGESTED_TYPES });
      throw new ValidationError(message, [{ path: 'Content-Type', message, code: 'contentType' }]);
    }
    const body = await readBody(req, MAX_ORG_IMPORT_BYTES);
    if (!body) throw new TooLargeError(t(lang, 'validation.tooLarge', { limit: MAX_ORG_IMPORT_BYTES }));
    const text = decodeText(body, format);
    if (text === undefined) {
      const message = t(lang, 'validation.notUtf8');
      throw new ValidationError(message, [{ path: '/', message, code: 'encoding' }]);
    }
    const importId = await orgImportsFor(runtime).start(serviceContext(ctx), { kind, format, dryRun, text });
    return Response.json({ importId }, { status: 202 });
  } catch (e) {
    return restError(e, 'org-import');
  }
}

/**
 * UTF-8, or for CSV also GB18030 (a superset of GBK): what Excel on a Chinese Windows saves as
 * "CSV (逗号分隔)". GeoJSON is UTF-8 by definition (RFC 7946). Undefined when neither decodes.
 */
function decodeText(body: Uint8Array, format: OrgImportFormat): string | undefined {
  for (const encoding of format === 'csv' ? ['utf-8', 'gb18030'] : ['utf-8']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(body);
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}
