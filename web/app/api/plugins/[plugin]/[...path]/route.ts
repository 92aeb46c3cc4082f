import { handlePluginRequest } from '../../../../../../core/plugin-sdk';
import { getRuntime } from '../../../../../../core/runtime';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ plugin: string; path: string[] }> };

/** REST endpoints of the district's enabled plugins (404 when the plugin is disabled). */
async function handler(req: Request, { params }: Params) {
  const { plugin, path } = await params;
  return handlePluginRequest(await getRuntime(), plugin, path, req);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
