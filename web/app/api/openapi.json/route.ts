import { openApiDocument } from '../../../../core/intake';
import { getRuntime } from '../../../../core/runtime';

export const dynamic = 'force-dynamic';

// The OpenAPI document of the channel and upload endpoints, built from this district's channels.
export async function GET() {
  const runtime = await getRuntime();
  return Response.json(openApiDocument(runtime.channels, { id: runtime.bundle.district.id, name: runtime.bundle.district.name['zh-CN'] }));
}
