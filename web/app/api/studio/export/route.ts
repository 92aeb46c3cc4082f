import { handleStudioExport } from '../../../../../core/api';
import { getRuntime } from '../../../../../core/runtime';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return handleStudioExport(await getRuntime(), req);
}
