import { handleExportRequest } from '../../../../core/api';
import { getRuntime } from '../../../../core/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return handleExportRequest(await getRuntime(), req);
}
