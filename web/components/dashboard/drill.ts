import type { DrillDown } from '../../../core/dashboard/drill-down';

/** The case list behind a figure: /dashboard/cases with the drill-down as its query. */
export const drillHref = (drill: DrillDown) => `/dashboard/cases?drill=${encodeURIComponent(JSON.stringify(drill))}`;

export const exportHref = (kind: 'cases' | 'figures', format: 'xlsx' | 'csv', params: Record<string, string | undefined>) => {
  const q = new URLSearchParams({ kind, format });
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `/api/export?${q}`;
};

export const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);
