import { AppShell } from '../../components/app-shell';
import { CaseCards } from '../../components/case-cards';
import { uiText } from '../../i18n';
import { caseLabels } from '../../lib/case-labels';
import { formatDateTime } from '../../lib/format';
import { caseEntity, pageContext } from '../../lib/page-context';

export const dynamic = 'force-dynamic';

/** A resident's own reports, newest first, with where each stands; closed ones invite a rating. */
export default async function MyReportsPage({ searchParams }: { searchParams: Promise<{ reported?: string }> }) {
  const { api, runtime, lang, shell, principal, timeZone } = await pageContext();
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const entity = caseEntity(runtime);
  const { reported } = await searchParams;
  const labels = caseLabels(runtime, entity, lang);
  const items = entity ? (await api.entity.list({ entity, filter: { createdBy: principal.id }, sort: { field: 'createdAt', dir: 'desc' }, limit: 100 })).items : [];
  return (
    <AppShell shell={shell} current="/my-reports">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{tx('nav.myReports')}</h1>
        <a href="/report" className="gw-button-primary">
          {tx('nav.report')}
        </a>
      </div>
      {reported && (
        <p role="status" className="gw-ok">
          {tx('report.done')}
        </p>
      )}
      <CaseCards
        lang={lang}
        empty={tx('myReports.empty')}
        cards={items.map((r) => ({
          id: r.id,
          href: `/entities/${entity}/${r.id}`,
          title: String(r.data.title ?? r.id),
          status: labels.state(r.status),
          meta: [formatDateTime(String(r.data.reportedAt ?? r.createdAt), lang, timeZone), labels.isFinal(r.status) ? tx('myReports.rateHint') : ''].filter(Boolean),
        }))}
      />
    </AppShell>
  );
}
