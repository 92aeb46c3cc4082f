import { handleTrpcRequest } from '../../../../../core/api';
import { getRuntime } from '../../../../../core/runtime';

export const dynamic = 'force-dynamic';

async function handler(req: Request) {
  return handleTrpcRequest(await getRuntime(), req);
}

export { handler as GET, handler as POST };
