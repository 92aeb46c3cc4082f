import { getRuntime } from '../../../../core/runtime';
import { handleUploadCreate } from '../../../../core/uploads';

export const dynamic = 'force-dynamic';

// Starts a resumable upload: {filename, size, mimeType?} → 201 {id, offset: 0, size}.
export async function POST(req: Request) {
  return handleUploadCreate(await getRuntime(), req);
}
