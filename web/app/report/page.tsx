import { AppShell } from '../../components/app-shell';
import { FormPanel } from '../../components/form-panel';
import { uiText } from '../../i18n';
import { caseEntity, pageContext } from '../../lib/page-context';
import { reportSchema } from '../../lib/report-schema';
import { resolveSources } from '../../lib/schema-labels';

export const dynamic = 'force-dynamic';

/** Report a case: a short form (title, category, photos, location), one tap from the task list. */
export default async function ReportPage() {
  const { runtime, lang, shell, ability } = await pageContext();
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const entity = caseEntity(runtime);
  const def = entity ? runtime.registry.get(entity) : undefined;
  const allowed = !!def && ability.can('create', def.subject);
  const form = def ? reportSchema(def.def) : undefined;
  const staff = def ? ability.can('read', def.subject) && shell.nav.some((n) => n.href === '/tasks') : false;
  return (
    <AppShell shell={shell} current="/report">
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{tx('report.title')}</h1>
      {allowed && form && entity ? (
        <FormPanel
          lang={lang}
          schema={resolveSources(form.schema, runtime.bundle.district, runtime.org, lang)}
          uiSchema={form.ui}
          action={{ kind: 'report', entity }}
          next={staff ? `/entities/${entity}/{id}` : '/my-reports?reported={id}'}
          draftKey={`report:${entity}`}
        />
      ) : (
        <p role="alert">{tx('error.forbidden')}</p>
      )}
    </AppShell>
  );
}
