import type { DistrictConfig } from '../../core/config/types.generated';
import { hasProcedure, type PageContext } from './page-context';
import { serverStudioApi, type StudioAdminApi } from './studio-admin-api';
import { studioContext } from './studio-context';

/**
 * What the workflow, roles, org and plugins pages start with: the studio user's page context, the
 * studio procedures as that user, and the draft's district.json. Undefined for a user without the
 * configure right (the studio layout shows them the 403 page) and while the studio router is not
 * there (`available: false`).
 */
export async function studioAdminPage(): Promise<
  | undefined
  | { available: false; pc: PageContext }
  | { available: true; pc: PageContext; studio: StudioAdminApi; district: DistrictConfig; districtRev: number }
> {
  const pc = await studioContext();
  if (!pc) return undefined;
  if (!hasProcedure('studio.file')) return { available: false, pc };
  const studio = serverStudioApi(pc.api);
  const file = await studio.file({ path: 'district.json' });
  return { available: true, pc, studio, district: file.content as DistrictConfig, districtRev: file.rev };
}
