import { getRuntime } from '../../../../../../core/runtime';
import { handleUploadGet } from '../../../../../../core/uploads';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleUploadGet(await getRuntime(), req, (await params).id, 'thumb');
}
