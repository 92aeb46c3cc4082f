import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { createContextInner, createRuntimeCaller } from '../../../core/api';
import { loadPluginPanels } from '../../lib/plugin-ui';
import { DashboardView } from '../../components/dashboard/dashboard-view';
import { requestLang } from '../lang';
import { figureLabels } from './figure-labels';
import { asDashboardUser, first } from './load-dashboard';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** 指挥调度大屏: figures, charts, map and hot spots for the user's scope; ?layout=screen for the big screen. */
export default async function DashboardPage({ searchParams }: { searchParams: Search }) {
  const lang = await requestLang();
  const q = await searchParams;
  const input = { unit: first(q.unit), from: first(q.from), to: first(q.to) };
  const result = await asDashboardUser(lang, async (ctx, runtime, principal) => {
    const caller = createRuntimeCaller(createContextInner({ runtime, lang, principal, headers: await headers() }));
    const [figures, hot, map, shapes, plugins] = await Promise.all([
      runtime.dashboard.figures(ctx, input),
      runtime.dashboard.hotSpots(ctx, input),
      runtime.dashboard.map(ctx, { unit: input.unit, limit: 3000 }),
      runtime.dashboard.gridShapes(ctx, { unit: input.unit }),
      loadPluginPanels(caller, runtime.plugins?.ui() ?? [], lang, { params: Object.fromEntries(Object.keys(q).map((k) => [k, first(q[k])])), timeZone: runtime.bundle.district.timeZone, now: runtime.now() }),
    ]);
    const bundle = runtime.bundle.district;
    const labels = figureLabels(runtime, figures.entity);
    const canBroadcast = ctx.ability?.can('broadcast', 'Broadcast') ?? false;
    return { figures, hot, map, shapes, plugins, labels, canBroadcast, platform: bundle.platformName ?? bundle.name };
  });
  if (!result.signedIn) redirect('/login');
  return <DashboardView lang={lang} layout={first(q.layout) === 'screen' ? 'screen' : 'normal'} result={'data' in result ? { data: JSON.parse(JSON.stringify(result.data)) } : { error: result.error! }} />;
}
