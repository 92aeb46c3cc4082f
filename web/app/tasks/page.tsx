import { AppShell } from '../../components/app-shell';
import { CaseCards, type CaseCard } from '../../components/case-cards';
import { MyGridSection } from '../../components/my-grid-section';
import { uiText } from '../../i18n';
import { caseLabels } from '../../lib/case-labels';
import { myGrid } from '../../lib/my-grid';
import { caseEntity, pageContext } from '../../lib/page-context';
import { displayValue } from '../../lib/schema-labels';

export const dynamic = 'force-dynamic';

/**
 * My tasks (grid workers, department handlers): open cases my units are responsible for or handle,
 * the soonest deadline first, each with its clock. Server-rendered HTML: it loads fast on a phone.
 */
export default async function TasksPage() {
  const pc = await pageContext();
  const { api, runtime, lang, shell, timeZone } = pc;
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const entity = caseEntity(runtime);
  const cards: CaseCard[] = [];
  if (entity) {
    const { items } = await api.case.queue({ entity, kind: 'mine', limit: 200 });
    const clocks = await api.case.clocks({ entity, ids: items.map((r) => r.id) });
    const labels = caseLabels(runtime, entity, lang);
    const props = runtime.registry.get(entity).def.schema.properties as Record<string, Record<string, unknown>>;
    const ctx = { district: runtime.bundle.district, org: runtime.org, lang, timeZone };
    for (const r of items) {
      const next = clocks.find((c) => c.recordId === r.id);
      cards.push({
        id: r.id,
        href: `/entities/${entity}/${r.id}`,
        title: String(r.data.title ?? r.id),
        status: labels.state(r.status),
        meta: [displayValue(props.category, r.data.category, ctx), labels.unit(r.orgUnitId), displayValue(props.reportedAt, r.data.reportedAt, ctx)].filter(Boolean),
        clock: next ? { label: labels.clock(next.clock), remainingMinutes: next.remainingMinutes, dueAt: next.dueAt } : undefined,
      });
    }
    cards.sort((a, b) => (a.clock?.dueAt ?? '\uffff').localeCompare(b.clock?.dueAt ?? '\uffff'));
  }
  const grid = await myGrid(pc, lang);
  return (
    <AppShell shell={shell} current="/tasks">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{tx('tasks.title')}</h1>
        <a href="/report" className="gw-button-primary">
          {tx('nav.report')}
        </a>
      </div>
      <CaseCards cards={cards} lang={lang} empty={tx('tasks.empty')} />
      {grid && <MyGridSection grid={grid} lang={lang} />}
    </AppShell>
  );
}
