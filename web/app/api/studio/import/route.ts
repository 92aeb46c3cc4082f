import { handleStudioImport } from '../../../../../core/api';
import { getRuntime } from '../../../../../core/runtime';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  return handleStudioImport(await getRuntime(), req);
}
