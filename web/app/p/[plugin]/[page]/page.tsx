import { headers } from 'next/headers';
import { createContextInner } from '../../../../../core/api';
import { AppShell } from '../../../../components/app-shell';
import { ErrorPage } from '../../../../components/error-page';
import { localized } from '../../../../i18n';
import { pageContext } from '../../../../lib/page-context';
import { findPluginPage, pluginPagePath } from '../../../../lib/plugin-ui';
import { webCaller } from '../../../../lib/web-caller';
import { pluginPageViews } from '../../../../plugin-pages';

export const dynamic = 'force-dynamic';

type Params = Promise<{ plugin: string; page: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * A page an enabled plugin declares in `ui.pages`, at /p/<plugin>/<page>: 404 when the plugin is
 * off or declares no such page, 403 when the user lacks the page's permission (the procedures
 * behind it check again).
 */
export default async function PluginPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { plugin, page } = await params;
  const ctx = await pageContext();
  const path = pluginPagePath(plugin, page);
  const found = findPluginPage(ctx.runtime.plugins?.ui() ?? [], ctx.ability, plugin, page);
  const view = pluginPageViews[`${plugin}/${page}`];
  if (found.status !== 'ok' || !view) {
    return (
      <AppShell shell={ctx.shell} current={path}>
        <ErrorPage lang={ctx.lang} reason={found.status === 'forbidden' ? 'forbidden' : 'notFound'} />
      </AppShell>
    );
  }
  const raw = await searchParams;
  const search = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // The page context's caller knows the core's procedures only; plugins' routers are mounted per runtime.
  const api = webCaller(createContextInner({ runtime: ctx.runtime, lang: ctx.lang, principal: ctx.principal, headers: await headers() }));
  const content = await view({ ...ctx, api, search, path });
  return (
    <AppShell shell={ctx.shell} current={path}>
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{localized(found.page.label, ctx.lang)}</h1>
      {content}
    </AppShell>
  );
}
