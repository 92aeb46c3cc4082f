import type { DraftState } from '../components/studio/draft-banner';
import type { PageContext } from './page-context';

/** The active version and the shared draft's changed files, for the banner over every studio page. */
export async function studioOverview(pc: PageContext): Promise<DraftState> {
  return pc.api.studio.overview();
}
