'use client';

import type { ECharts, EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';

/** One ECharts chart; `onClick` receives the clicked item's data (drill-downs ride on it). */
export function Chart({ option, height = 260, onClick, dark, onReady, onEvents }: { option: EChartsOption; height?: number; onClick?: (data: any) => void; dark?: boolean; onReady?: (chart: ECharts) => void; onEvents?: Record<string, (e: any) => void> }) {
  return (
    <ReactECharts
      option={{ backgroundColor: 'transparent', ...option }}
      theme={dark ? 'dark' : undefined}
      style={{ height, width: '100%' }}
      notMerge
      onChartReady={onReady}
      onEvents={{ ...onEvents, ...(onClick ? { click: (p: { data?: unknown }) => p.data && onClick(p.data) } : {}) }}
    />
  );
}
