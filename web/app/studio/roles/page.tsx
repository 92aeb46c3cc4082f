import { RolesPage } from '../../../components/studio/admin-pages';
import { SCOPES, scopeLabel } from '../../../components/studio/roles';
import { StudioUnavailable } from '../../../components/studio/studio-unavailable';
import { localized } from '../../../i18n';
import { caseEntity } from '../../../lib/nav';
import { fieldTitle } from '../../../lib/schema-labels';
import { studioAdminPage } from '../../../lib/studio-admin-page';

export const dynamic = 'force-dynamic';

/** Roles × permissions of the draft's district.json, and "view as user". */
export default async function StudioRolesPage() {
  const page = await studioAdminPage();
  if (!page) return null;
  const { lang, runtime } = page.pc;
  if (!page.available) return <StudioUnavailable lang={lang} />;
  const subjectFields: Record<string, { value: string; label: string }[]> = {};
  for (const entity of runtime.registry.all()) {
    const props = (entity.def.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    subjectFields[entity.subject] = [...(subjectFields[entity.subject] ?? []), ...Object.entries(props).map(([field, schema]) => ({ value: field, label: `${fieldTitle(schema, field, lang)} (${field})` }))];
  }
  const caseName = caseEntity(runtime);
  const entities = runtime.registry
    .all()
    .map((e) => ({ value: e.name, label: localized(e.def.label, lang) }))
    .sort((a, b) => Number(b.value === caseName) - Number(a.value === caseName));
  const scopeLabels = Object.fromEntries(SCOPES.map((s) => [s, scopeLabel(lang, s)]));
  return <RolesPage district={page.district} rev={page.districtRev} subjectFields={subjectFields} scopeLabels={scopeLabels} entities={entities} lang={lang} />;
}
