import { handleChannelPost } from '../../../../../../core/intake';
import { getRuntime } from '../../../../../../core/runtime';

export const dynamic = 'force-dynamic';

// An external channel posts a case: Bearer/X-Api-Key auth, Idempotency-Key (see /api/openapi.json).
export async function POST(req: Request, { params }: { params: Promise<{ channel: string }> }) {
  const runtime = await getRuntime();
  return handleChannelPost(runtime.intake, req, (await params).channel, runtime.options.lang);
}
