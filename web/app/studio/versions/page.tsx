import { VersionsView } from '../../../components/studio/versions-view';
import { studioContext } from '../../../lib/studio-context';

export const dynamic = 'force-dynamic';

/** Versions and publishing: the draft's diff and migration plan, publish, history, rollback. */
export default async function StudioVersionsPage() {
  const pc = await studioContext();
  if (!pc) return null;
  const { api, lang, timeZone } = pc;
  const [overview, versions] = await Promise.all([api.studio.overview(), api.studio.versions()]);
  const diff = overview.draft ? await api.studio.diff() : null;
  return <VersionsView lang={lang} activeVersion={overview.activeVersion} diff={diff} versions={versions} timeZone={timeZone} />;
}
