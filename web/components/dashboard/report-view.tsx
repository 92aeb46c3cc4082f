'use client';

import type { DashboardService } from '../../../core/dashboard/dashboard-service';
import { localized, uiText, type UiKey, type UiLang } from '../../i18n';
import { percent } from './drill';
import { visitorLabel } from './visitor-label';

type Figures = Awaited<ReturnType<DashboardService['figures']>>;
type Label = { 'zh-CN': string; en?: string };

const cell: React.CSSProperties = { border: '1px solid #999', padding: '4px 8px', textAlign: 'left' };

/** Plain HTML tables that print on A4 (no charts to rasterise), with a print button hidden on paper. */
export function ReportView({ lang, result }: { lang: UiLang; result: { data: { month: string; figures: Figures; labels: Record<'category' | 'channel' | 'status' | 'clock', Record<string, Label>> } } | { error: { message: string } } }) {
  const tx = (key: UiKey) => uiText(lang, key);
  if ('error' in result) return <p role="alert">{result.error.message}</p>;
  const { month, figures: f, labels } = result.data;
  const name = (kind: 'category' | 'channel' | 'status' | 'clock', key: string) => localized(labels[kind][key], lang) || key;
  const table = (title: string, head: string[], rows: (string | number)[][]) => (
    <section style={{ breakInside: 'avoid', marginBottom: 16 }}>
      <h2 style={{ fontSize: 16 }}>{title}</h2>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>{head.map((h) => <th key={h} style={cell}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{r.map((v, j) => <td key={j} style={cell}>{v}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <main style={{ maxWidth: 900, margin: '0 auto', padding: 24, fontFamily: 'serif', background: '#fff', color: '#000' }}>
      <style>{'@media print { .no-print { display: none } @page { size: A4; margin: 16mm } }'}</style>
      <button className="no-print" onClick={() => window.print()} style={{ float: 'right' }}>
        {tx('dashboard.print')}
      </button>
      <h1 style={{ fontSize: 22, textAlign: 'center' }}>{tx('dashboard.reportTitle').replace('{unit}', lang === 'en' ? f.unit.nameEn ?? f.unit.name : f.unit.name).replace('{month}', month)}</h1>
      <p style={{ textAlign: 'center' }}>
        {f.window.from} ~ {f.window.to}
      </p>
      {table(tx('dashboard.keyFigures'), ['', ''], [
        [tx('dashboard.total'), f.total.count],
        [tx('dashboard.completionRate'), percent(f.completion.rate)],
        ...f.clocks.map((c) => [`${tx('dashboard.onTime')} · ${name('clock', c.clock)}`, `${percent(c.onTime.rate)} (${c.averageMinutes ?? '—'} min)`] as (string | number)[]),
        [tx('dashboard.satisfaction'), percent(f.satisfaction.rate)],
        [tx('dashboard.reopen'), percent(f.reopen.rate)],
        [tx('dashboard.overdue'), f.overdue.count],
        [tx('dashboard.supervised'), f.supervised.count],
        ...(f.visits ?? []).map((v) => [tx(visitorLabel(v.key)), v.count] as (string | number)[]),
      ])}
      {table(tx('dashboard.byChannel'), [tx('dashboard.byChannel'), tx('dashboard.count')], f.byChannel.map((r) => [name('channel', r.key), r.count]))}
      {table(tx('dashboard.byCategory'), [tx('dashboard.byCategory'), tx('dashboard.count')], f.byCategory.map((r) => [name('category', r.key), r.count]))}
      {table(tx('dashboard.byStatus'), [tx('dashboard.byStatus'), tx('dashboard.count')], f.byStatus.map((r) => [name('status', r.key), r.count]))}
      {table(tx('dashboard.ranking'), ['#', tx('dashboard.unit'), tx('dashboard.count'), tx('dashboard.completionRate'), tx('dashboard.onTime'), tx('dashboard.satisfaction'), tx('dashboard.supervised')],
        f.ranking.map((r, i) => [i + 1, r.name, r.total, percent(r.completionRate), percent(r.onTimeRate), percent(r.satisfactionRate), r.supervisions]))}
    </main>
  );
}
