import { AppShell } from '../components/app-shell';
import { ErrorPage } from '../components/error-page';
import { FormPanel } from '../components/form-panel';
import { fill, localized, uiText } from '../i18n';
import { attempt } from './load-record';
import { pageContext } from './page-context';
import { recordView } from './record-version';
import { fieldTitle } from './schema-labels';
import { resolveSources, type ObjectSchema } from './schema-labels';

/** Create or edit any entity's record through the form generated from its schema and UI schema. */
export async function EditPage({ entity, id }: { entity: string; id?: string }) {
  const { api, runtime, lang, shell, principal } = await pageContext();
  const described = await attempt(api.entity.describe({ entity }));
  const record = described.ok && id ? await attempt(api.entity.get({ entity, id })) : undefined;
  const failure = !described.ok ? described.reason : record && !record.ok ? record.reason : undefined;
  const d = described.ok ? described.value : undefined;
  const allowed = d && (id ? d.canUpdate : d.canCreate);
  if (failure || !d || !allowed) {
    return (
      <AppShell shell={shell} current={`/entities/${entity}`}>
        <ErrorPage lang={lang} reason={failure ?? 'forbidden'} />
      </AppShell>
    );
  }
  const schema = resolveSources(d.schema as unknown as ObjectSchema, runtime.bundle.district, runtime.org, lang);
  const current = record?.ok ? record.value : undefined;
  // Saving validates against the running version: a record of an earlier one is told which fields it now needs.
  const view = current ? await recordView(api, d, current) : undefined;
  const added = view?.addedSince.map((f) => fieldTitle(d.schema.properties[f], f, lang)) ?? [];
  const unit = principal.assignments[0]?.unitId ?? runtime.org.root()?.id ?? '';
  return (
    <AppShell shell={shell} current={`/entities/${entity}`}>
      <p style={{ margin: '4px 0' }}>
        <a href={current ? `/entities/${entity}/${current.id}` : `/entities/${entity}`}>← {localized(d.label, lang)}</a>
      </p>
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{uiText(lang, current ? 'entity.edit' : 'entity.new')}</h1>
      {view?.olderVersion !== undefined && (
        <p className="gw-record-version" data-schema-version={view.olderVersion}>
          {fill(uiText(lang, 'entity.olderVersionEdit'), { version: view.olderVersion, current: d.version, fields: added.join('、') || '—' })}
        </p>
      )}
      <FormPanel
        lang={lang}
        schema={schema as unknown as Record<string, unknown>}
        uiSchema={d.ui as Record<string, unknown>}
        value={current?.data}
        action={current ? { kind: 'update', entity, id: current.id, version: current.version } : { kind: 'create', entity, orgUnitId: unit }}
        next={`/entities/${entity}/{id}`}
        draftKey={current ? undefined : `new:${entity}`}
      />
    </AppShell>
  );
}
