import { TransferView } from '../../../components/studio/transfer-view';
import { studioContext } from '../../../lib/studio-context';

export const dynamic = 'force-dynamic';

/** Export the district's configuration as one file; import one (dry run first, then applied atomically). */
export default async function StudioTransferPage() {
  const pc = await studioContext();
  if (!pc) return null;
  const overview = await pc.api.studio.overview();
  return <TransferView lang={pc.lang} district={overview.district} activeVersion={overview.activeVersion} />;
}
