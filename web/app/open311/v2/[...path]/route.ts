import { handleOpen311 } from '../../../../../core/open311';
import { getRuntime } from '../../../../../core/runtime';

export const dynamic = 'force-dynamic';

// Open311 GeoReport v2: discovery, services, service definitions, requests, tokens (XML and JSON).
async function handler(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return handleOpen311(await getRuntime(), req, (await params).path);
}

export { handler as GET, handler as POST };
