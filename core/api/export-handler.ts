import { PassThrough, Readable } from 'node:stream';
import { drillDownSchema, drillQuery, type DrillDown } from '../dashboard';
import { isGridworkError, ValidationError } from '../errors';
import { CONTENT_TYPES, figureSheets, recordSheet, writeTables, type ExportFormat, type ExportSheet } from '../export';
import { t } from '../i18n';
import type { Runtime } from '../runtime';
import { createRequestContext, serviceContext } from './context';
import { schemaInput } from './input-parser';

const STATUS: Record<string, number> = { validation: 400, unauthorized: 401, forbidden: 403, notFound: 404, conflict: 409, config: 500 };
const parseDrill = schemaInput<DrillDown>(drillDownSchema);

/**
 * GET /api/export?kind=cases&format=xlsx|csv&drill=<drill-down JSON>  — the cases behind a figure
 * GET /api/export?kind=figures&format=xlsx|csv&from=&to=&unit=         — the figures themselves
 * The file streams as it is written: a million-row export never sits in memory.
 */
export async function handleExportRequest(runtime: Runtime, req: Request): Promise<Response> {
  const ctx = await createRequestContext(runtime, req);
  try {
    if (!ctx.principal || !ctx.ability) return Response.json({ error: { message: t(ctx.lang, 'unauthorized.session'), code: 'UNAUTHORIZED' } }, { status: 401 });
    const params = new URL(req.url).searchParams;
    const format = (params.get('format') ?? 'xlsx') as ExportFormat;
    if (!(format in CONTENT_TYPES)) throw new ValidationError(t(ctx.lang, 'export.badFormat'), [{ path: '/format', message: t(ctx.lang, 'export.badFormat'), code: 'enum' }]);
    const sctx = serviceContext(ctx);
    const kind = params.get('kind') ?? 'cases';
    let sheets: ExportSheet[];
    if (kind === 'figures') {
      const figures = await runtime.dashboard.figures(sctx, { unit: params.get('unit') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined });
      sheets = figureSheets(figures, ctx.lang);
    } else if (kind === 'cases') {
      let raw: unknown;
      try {
        raw = JSON.parse(params.get('drill') ?? '{}');
      } catch {
        throw new ValidationError(t(ctx.lang, 'validation.badJson', { detail: 'drill' }), [{ path: '/drill', message: t(ctx.lang, 'validation.badJson', { detail: 'drill' }), code: 'json' }]);
      }
      const drill = parseDrill(raw);
      sheets = [recordSheet(runtime.entities, sctx, drill.entity, drillQuery(drill))];
    } else {
      throw new ValidationError(t(ctx.lang, 'export.badKind'), [{ path: '/kind', message: t(ctx.lang, 'export.badKind'), code: 'enum' }]);
    }
    const out = new PassThrough({ highWaterMark: 256 * 1024 });
    writeTables(format, sheets, out).catch((e) => out.destroy(e));
    const name = `${kind}-${runtime.now().toISOString().slice(0, 10)}.${format}`;
    return new Response(Readable.toWeb(out) as ReadableStream, {
      headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
    });
  } catch (e) {
    if (!isGridworkError(e)) throw e;
    return Response.json({ error: { message: e.message, code: e.kind, issues: e.issues } }, { status: STATUS[e.kind] ?? 500 });
  }
}
