import { PluginsPage } from '../../../components/studio/admin-pages';
import { StudioUnavailable } from '../../../components/studio/studio-unavailable';
import { hasProcedure } from '../../../lib/page-context';
import { studioAdminPage } from '../../../lib/studio-admin-page';

export const dynamic = 'force-dynamic';

/** Installed plugins: enabled or not for the district (in the draft), and their settings. */
export default async function StudioPluginsPage() {
  const page = await studioAdminPage();
  if (!page) return null;
  const { lang } = page.pc;
  if (!page.available || !hasProcedure('studio.plugins')) return <StudioUnavailable lang={lang} />;
  return <PluginsPage plugins={await page.studio.plugins()} lang={lang} />;
}
