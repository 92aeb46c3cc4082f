import { getRuntime } from '../../../../../core/runtime';
import { handleUploadGet, handleUploadHead, handleUploadPatch } from '../../../../../core/uploads';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

// PATCH appends a chunk at Upload-Offset; HEAD tells where to resume; GET returns the file.
export async function PATCH(req: Request, { params }: Params) {
  return handleUploadPatch(await getRuntime(), req, (await params).id);
}

export async function HEAD(req: Request, { params }: Params) {
  return handleUploadHead(await getRuntime(), req, (await params).id);
}

export async function GET(req: Request, { params }: Params) {
  return handleUploadGet(await getRuntime(), req, (await params).id);
}
