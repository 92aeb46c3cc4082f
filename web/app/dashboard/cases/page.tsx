import { redirect } from 'next/navigation';
import { schemaInput } from '../../../../core/api/input-parser';
import { drillDownSchema, drillQuery, type DrillDown } from '../../../../core/dashboard';
import { DrillCasesView } from '../../../components/dashboard/drill-cases-view';
import { requestLang } from '../../lang';
import { asDashboardUser, first } from '../load-dashboard';

export const dynamic = 'force-dynamic';

const parseDrill = schemaInput<DrillDown>(drillDownSchema);

/** The cases behind a dashboard figure: the same scoped list, one page at a time. */
export default async function DrillCasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const lang = await requestLang();
  const q = await searchParams;
  const raw = first(q.drill) ?? '{}';
  const result = await asDashboardUser(lang, async (ctx, runtime) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const drill = parseDrill(parsed);
    const [page, count] = await Promise.all([
      runtime.entities.list(ctx, drill.entity, { ...drillQuery(drill), limit: 50, cursor: first(q.cursor) ?? null }),
      runtime.entities.count(ctx, drill.entity, drillQuery(drill)),
    ]);
    const workflow = runtime.registry.get(drill.entity).workflow;
    const statusLabels = Object.fromEntries((workflow?.states ?? []).map((s) => [s.key, s.label]));
    const format = new Intl.DateTimeFormat(lang, { timeZone: runtime.bundle.district.timeZone, dateStyle: 'short', timeStyle: 'short' });
    return {
      drill,
      count,
      nextCursor: page.nextCursor,
      rows: page.items.map((r) => ({ id: r.id, title: String(r.data.title ?? r.id), status: r.status, category: String(r.data.category ?? ''), unit: runtime.org.get(r.orgUnitId)?.name ?? r.orgUnitId, createdAt: format.format(new Date(r.createdAt)) })),
      statusLabels,
    };
  });
  if (!result.signedIn) redirect('/login');
  return <DrillCasesView lang={lang} raw={raw} result={'data' in result ? { data: JSON.parse(JSON.stringify(result.data)) } : { error: result.error! }} />;
}
