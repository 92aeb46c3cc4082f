import type { WorkflowDefinition } from '../../../../../core/config/types.generated';
import { WorkflowEditorPage } from '../../../../components/studio/admin-pages';
import { ErrorPage } from '../../../../components/error-page';
import { StudioUnavailable } from '../../../../components/studio/studio-unavailable';
import { workflowEditorContext } from '../../../../components/studio/workflow/workflow-context';
import { localized } from '../../../../i18n';
import { studioAdminPage } from '../../../../lib/studio-admin-page';

export const dynamic = 'force-dynamic';

/** One workflow as a graph to edit, with the draft's check issues; saving writes the draft. */
export default async function StudioWorkflowPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const page = await studioAdminPage();
  if (!page) return null;
  const { lang } = page.pc;
  if (!page.available) return <StudioUnavailable lang={lang} />;
  const overview = await page.studio.overview();
  let found: { path: string; def: WorkflowDefinition; rev: number } | undefined;
  for (const f of overview.files.filter((x) => x.kind === 'workflow')) {
    if (f.name && f.name !== name) continue;
    const file = await page.studio.file({ path: f.path });
    const def = file.content as WorkflowDefinition;
    if (def.name === name) {
      found = { path: f.path, def, rev: file.rev };
      break;
    }
  }
  if (!found) return <ErrorPage lang={lang} reason="notFound" />;
  const { issues } = await page.studio.check();
  return (
    <section>
      <h2 style={{ marginTop: 0 }}>
        {localized(found.def.label, lang)} <code style={{ fontSize: 14 }}>{found.path}</code>
      </h2>
      <WorkflowEditorPage path={found.path} definition={found.def} rev={found.rev} context={workflowEditorContext(page.district, lang)} issues={issues} lang={lang} />
    </section>
  );
}
