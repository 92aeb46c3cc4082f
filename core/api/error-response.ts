import { isGridworkError, type GridworkError } from '../errors';

const STATUS: Record<GridworkError['kind'], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  config: 500,
  plugin: 500,
};

export const errorStatus = (e: GridworkError): number => STATUS[e.kind];

/**
 * A domain error as a REST response: `{ error: { message, code, issues } }` with its status. Any
 * other error is a logged 500 whose message is not shown.
 */
export function errorResponse(error: unknown, where = 'rest'): Response {
  if (isGridworkError(error)) {
    return Response.json({ error: { message: error.message, code: error.kind, issues: error.issues } }, { status: errorStatus(error) });
  }
  console.error(`[${where}]`, error);
  return Response.json({ error: { message: 'internal error', code: 'internal' } }, { status: 500 });
}
