import { isGridworkError, type GridworkError } from './gridwork-error';

export const REST_STATUS: Record<GridworkError['kind'], number> = {
  config: 500,
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  plugin: 500,
};

/**
 * A thrown error as a REST response: domain errors keep their status, message and field issues;
 * anything else is logged and answered with a bare 500 (no internals leak to callers).
 */
export function restError(e: unknown, where: string): Response {
  if (isGridworkError(e) && e.kind !== 'config') {
    return Response.json({ error: { code: e.kind, message: e.message, issues: e.issues } }, { status: REST_STATUS[e.kind] });
  }
  console.error(`[${where}]`, e);
  return Response.json({ error: { code: 'internal', message: 'internal error' } }, { status: 500 });
}
