import { AppShell } from '../../../../components/app-shell';
import { ErrorPage } from '../../../../components/error-page';
import { RecordFields } from '../../../../components/record-fields';
import { WorkflowSection } from '../../../../components/workflow-section';
import { fill, localized, uiText } from '../../../../i18n';
import { attempt } from '../../../../lib/load-record';
import { pageContext } from '../../../../lib/page-context';
import { recordRows } from '../../../../lib/record-rows';
import { recordView } from '../../../../lib/record-version';

export const dynamic = 'force-dynamic';

/**
 * Any entity's record: its fields (only those the user may read — the server masks the rest), an
 * edit link when allowed, and for records with a workflow the actions, clocks and timeline.
 */
export default async function RecordPage({ params }: { params: Promise<{ entity: string; id: string }> }) {
  const { entity, id } = await params;
  const pc = await pageContext();
  const { api, runtime, lang, shell, timeZone } = pc;
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const described = await attempt(api.entity.describe({ entity }));
  const record = described.ok ? await attempt(api.entity.get({ entity, id })) : described;
  if (!described.ok || !record.ok) {
    return (
      <AppShell shell={shell} current={`/entities/${entity}`}>
        <ErrorPage lang={lang} reason={!described.ok ? described.reason : record.ok ? 'invalid' : record.reason} />
      </AppShell>
    );
  }
  const d = described.value;
  const r = record.value;
  // A record written before a publish shows with its own version's fields and labels.
  const view = await recordView(api, d, r);
  const rows = recordRows(runtime, view.properties, r.data, { lang, timeZone, order: view.order, readable: view.readable });
  const title = String(r.data.title ?? r.data.name ?? r.id);
  return (
    <AppShell shell={shell} current={`/entities/${entity}`}>
      <p style={{ margin: '4px 0' }}>
        <a href={`/entities/${entity}`}>← {localized(d.label, lang)}</a>
      </p>
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{title}</h1>
      {view.olderVersion !== undefined && (
        <p className="gw-record-version" data-schema-version={view.olderVersion}>
          {fill(tx('entity.olderVersion'), { version: view.olderVersion, current: d.version })}
        </p>
      )}
      <RecordFields
        rows={rows}
        extra={
          <div className="gw-fieldrow">
            <dt>{tx('col.unit')}</dt>
            <dd>{runtime.org.get(r.orgUnitId)?.name ?? r.orgUnitId}</dd>
          </div>
        }
      />
      {d.canUpdate && !d.workflow && (
        <p>
          <a className="gw-button-primary" href={`/entities/${entity}/${id}/edit`}>
            {tx('entity.edit')}
          </a>
        </p>
      )}
      {d.workflow && <WorkflowSection pc={pc} entity={entity} record={r} />}
    </AppShell>
  );
}
