import { Card } from 'antd';
import type { WorkflowDefinition } from '../../../../core/config/types.generated';
import { StudioUnavailable } from '../../../components/studio/studio-unavailable';
import { fill, localized, uiText } from '../../../i18n';
import { studioAdminPage } from '../../../lib/studio-admin-page';

export const dynamic = 'force-dynamic';

/** The district's workflows (draft included), each opening its graph editor. */
export default async function StudioWorkflowsPage() {
  const page = await studioAdminPage();
  if (!page) return null;
  const { lang } = page.pc;
  if (!page.available) return <StudioUnavailable lang={lang} />;
  const overview = await page.studio.overview();
  const files = overview.files.filter((f) => f.kind === 'workflow');
  const workflows = await Promise.all(
    files.map(async (f) => {
      const def = (await page.studio.file({ path: f.path })).content as WorkflowDefinition;
      return { path: f.path, name: def.name, label: localized(def.label, lang), states: def.states.length, transitions: def.transitions.length, inDraft: f.inDraft };
    }),
  );
  return (
    <Card title={uiText(lang, 'studio.nav.workflows')} size="small">
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {workflows.map((w) => (
          <li key={w.path} style={{ padding: '6px 0' }}>
            <a href={`/studio/workflows/${encodeURIComponent(w.name)}`} data-workflow={w.name}>
              {w.label}
            </a>{' '}
            <code>{w.path}</code> · {fill(uiText(lang, 'studio.wf.counts'), { states: w.states, transitions: w.transitions })}
          </li>
        ))}
      </ul>
    </Card>
  );
}
