import { OrgPage } from '../../../components/studio/admin-pages';
import type { GridCollection, OrgUnit } from '../../../components/studio/org';
import { StudioUnavailable } from '../../../components/studio/studio-unavailable';
import { localized } from '../../../i18n';
import { studioAdminPage } from '../../../lib/studio-admin-page';

export const dynamic = 'force-dynamic';

/** The org tree (draft's units.json, grids as leaves), import from CSV/GeoJSON, and the grid map. */
export default async function StudioOrgPage() {
  const page = await studioAdminPage();
  if (!page) return null;
  const { lang } = page.pc;
  if (!page.available) return <StudioUnavailable lang={lang} />;
  const { district, studio } = page;
  const [units, grids] = await Promise.all([studio.file({ path: district.org.units }), district.org.grids ? studio.file({ path: district.org.grids }) : undefined]);
  const levels = district.orgLevels.map((l) => ({ value: l.key, label: localized(l.label, lang) }));
  return <OrgPage units={units.content as OrgUnit[]} grids={grids?.content as GridCollection | undefined} rev={units.rev} levels={levels} lang={lang} />;
}
