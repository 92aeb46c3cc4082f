import { AppShell } from '../components/app-shell';
import { ErrorPage } from '../components/error-page';
import { ListView } from '../components/list-view';
import { QueueLive } from '../components/queue-live';
import { localized, uiText } from '../i18n';
import { loadList, type SearchParams } from './list-view';
import { attempt } from './load-record';
import { pageContext } from './page-context';

/** The one list page: any entity's records, or (queue) the command centre's queue of cases. */
export async function ListPage({ entity, searchParams, basePath, queue }: { entity: string | undefined; searchParams: SearchParams; basePath: string; queue?: boolean }) {
  const pc = await pageContext();
  const { api, lang, shell } = pc;
  const described = entity ? await attempt(api.entity.describe({ entity })) : ({ ok: false, reason: 'notFound' } as const);
  if (!described.ok) {
    return (
      <AppShell shell={shell} current={basePath}>
        <ErrorPage lang={lang} reason={described.reason} />
      </AppShell>
    );
  }
  const d = described.value;
  const listed = await attempt(loadList(pc, d, searchParams, { basePath, queue }));
  const params = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : (v ?? '')]).filter(([, v]) => v));
  return (
    <AppShell shell={shell} current={basePath}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{queue ? uiText(lang, 'nav.queue') : localized(d.label, lang)}</h1>
        {queue && <QueueLive lang={lang} entity={d.name} />}
        {d.canCreate && !d.workflow && (
          <a className="gw-button-primary" href={`/entities/${d.name}/new`}>
            {uiText(lang, 'entity.new')}
          </a>
        )}
      </div>
      {listed.ok ? <ListView model={listed.value} lang={lang} basePath={basePath} params={params} /> : <ErrorPage lang={lang} reason={listed.reason} />}
    </AppShell>
  );
}
