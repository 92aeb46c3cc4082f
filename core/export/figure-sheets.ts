import type { DashboardService } from '../dashboard';
import { t, type Lang } from '../i18n';
import type { ExportSheet } from './table-writer';

type Figures = Awaited<ReturnType<DashboardService['figures']>>;

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** A dashboard's figures as sheets: summary, breakdowns, trend and the unit ranking. */
export function figureSheets(f: Figures, lang: Lang): ExportSheet[] {
  const h = (key: string) => t(lang, `export.${key}` as never);
  const breakdown = (name: string, rows: { key: string; count: number }[]): ExportSheet => ({
    name: h(name),
    columns: [{ key: 'key', header: h('col.key') }, { key: 'count', header: h('col.count') }],
    rows: rows.map((r) => ({ key: r.key, count: r.count })),
  });
  const summary: [string, unknown][] = [
    [h('fig.unit'), f.unit.name],
    [h('fig.window'), `${f.window.from} ~ ${f.window.to}`],
    [h('fig.total'), f.total.count],
    [h('fig.today'), f.today.count],
    [h('fig.completionRate'), pct(f.completion.rate)],
    [h('fig.satisfactionRate'), pct(f.satisfaction.rate)],
    [h('fig.reopenRate'), pct(f.reopen.rate)],
    [h('fig.overdue'), f.overdue.count],
    [h('fig.supervised'), f.supervised.count],
    ...f.clocks.flatMap((c): [string, unknown][] => [
      [`${h('fig.onTimeRate')} · ${c.clock}`, pct(c.onTime.rate)],
      [`${h('fig.averageMinutes')} · ${c.clock}`, c.averageMinutes],
    ]),
  ];
  return [
    { name: h('sheet.summary'), columns: [{ key: 'name', header: h('col.figure'), width: 30 }, { key: 'value', header: h('col.value') }], rows: summary.map(([name, value]) => ({ name, value })) },
    breakdown('sheet.channel', f.byChannel),
    breakdown('sheet.category', f.byCategory),
    breakdown('sheet.status', f.byStatus),
    {
      name: h('sheet.trend'),
      columns: [{ key: 'day', header: h('col.day') }, { key: 'total', header: h('fig.total') }, { key: 'completed', header: h('col.completed') }],
      rows: f.trend.map((d) => ({ day: d.day, total: d.total, completed: d.completed })),
    },
    {
      name: h('sheet.ranking'),
      columns: [
        { key: 'rank', header: h('col.rank') },
        { key: 'name', header: h('fig.unit') },
        { key: 'total', header: h('fig.total') },
        { key: 'completionRate', header: h('fig.completionRate') },
        { key: 'onTimeRate', header: h('fig.onTimeRate') },
        { key: 'satisfactionRate', header: h('fig.satisfactionRate') },
        { key: 'supervisions', header: h('fig.supervised') },
      ],
      rows: f.ranking.map((r, i) => ({ rank: i + 1, name: r.name, total: r.total, completionRate: pct(r.completionRate), onTimeRate: pct(r.onTimeRate), satisfactionRate: pct(r.satisfactionRate), supervisions: r.supervisions })),
    },
  ];
}
