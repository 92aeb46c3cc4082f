import { redirect } from 'next/navigation';
import { addDays, localDay } from '../../../../core/dashboard';
import { ReportView } from '../../../components/dashboard/report-view';
import { requestLang } from '../../lang';
import { asDashboardUser, first } from '../load-dashboard';
import { figureLabels } from '../figure-labels';

export const dynamic = 'force-dynamic';

/** A printable monthly report (月报) of the dashboard's figures for a unit: ?month=YYYY-MM&unit=. */
export default async function MonthlyReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const lang = await requestLang();
  const q = await searchParams;
  const result = await asDashboardUser(lang, async (ctx, runtime) => {
    const today = localDay(runtime.now(), runtime.bundle.district.timeZone);
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(first(q.month) ?? '') ? first(q.month)! : today.slice(0, 7);
    const from = `${month}-01`;
    const last = addDays(`${addDays(from, 31).slice(0, 7)}-01`, -1);
    const figures = await runtime.dashboard.figures(ctx, { unit: first(q.unit), from, to: last < today ? last : today < from ? from : today });
    return {
      month,
      figures,
      labels: figureLabels(runtime, figures.entity),
    };
  });
  if (!result.signedIn) redirect('/login');
  return <ReportView lang={lang} result={'data' in result ? { data: JSON.parse(JSON.stringify(result.data)) } : { error: result.error! }} />;
}
