import { healthStatus } from '../../../../core/api';
import { getRuntime } from '../../../../core/runtime';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return Response.json(await healthStatus(await getRuntime()));
  } catch (e) {
    return Response.json({ status: 'error', message: (e as Error).message }, { status: 503 });
  }
}
