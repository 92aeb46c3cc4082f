import { handleOrgImportRequest } from '../../../../../core/api';
import { getRuntime } from '../../../../../core/runtime';

export const dynamic = 'force-dynamic';

// Org/grid import into the studio draft: raw CSV or GeoJSON body → 202 {importId}.
export async function POST(req: Request) {
  return handleOrgImportRequest(await getRuntime(), req);
}
