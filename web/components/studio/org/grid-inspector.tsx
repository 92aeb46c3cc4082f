'use client';

import { Descriptions, Empty } from 'antd';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { fill, uiText, type UiKey, type UiLang } from '../../../i18n';
import { Chart } from '../../dashboard/chart';
import type { GridCollection, OrgUnit } from './org-model';

let maps = 0;

/**
 * The grid polygons on the dashboard's ECharts map (no tile server): hover for a grid's name,
 * click for its details — id, parent unit, level, households and population.
 */
export function GridInspector({ grids, units, lang, height = 480 }: { grids: GridCollection; units: OrgUnit[]; lang: UiLang; height?: number }) {
  const tx = (k: UiKey) => uiText(lang, k);
  const [picked, setPicked] = useState<string | null>(null);
  const mapName = useMemo(() => {
    const name = `gw-studio-grids-${++maps}`;
    echarts.registerMap(name, grids as never);
    return name;
  }, [grids]);
  const byId = useMemo(() => new Map(grids.features.map((f) => [f.properties.id, f.properties])), [grids]);
  const option = useMemo(
    (): EChartsOption => ({
      tooltip: { trigger: 'item', formatter: (p: any) => `${byId.get(p.name)?.name ?? p.name}<br/>${p.name}` },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'id',
          roam: true,
          selectedMode: 'single',
          label: { show: false },
          itemStyle: { areaColor: '#e6f4ff', borderColor: '#1677ff', borderWidth: 0.6 },
          emphasis: { itemStyle: { areaColor: '#91caff' }, label: { show: true } },
          select: { itemStyle: { areaColor: '#fa8c16' } },
          data: grids.features.map((f) => ({ name: f.properties.id, value: 1 })),
        },
      ],
    }) as EChartsOption,
    [mapName, byId, grids],
  );
  if (!grids.features.length) return <Empty description={tx('studio.org.noGrids')} />;
  const p = picked ? byId.get(picked) : undefined;
  const parent = p ? units.find((u) => u.id === p.parent) : undefined;
  return (
    <div data-testid="grid-map">
      <p style={{ margin: '0 0 4px', color: '#666' }}>{fill(tx('studio.org.gridCount'), { count: grids.features.length })}</p>
      <Chart option={option} height={height} onClick={(d) => d?.name && setPicked(String(d.name))} />
      {p && (
        <Descriptions size="small" bordered column={2} title={p.name} data-testid="grid-info" style={{ marginTop: 8 }}>
          <Descriptions.Item label={tx('studio.org.id')}>{p.id}</Descriptions.Item>
          <Descriptions.Item label={tx('studio.org.parent')}>{parent ? `${parent.name} (${p.parent})` : p.parent}</Descriptions.Item>
          <Descriptions.Item label={tx('studio.org.level')}>{p.level}</Descriptions.Item>
          <Descriptions.Item label={tx('studio.org.kind')}>{p.kind}</Descriptions.Item>
          {p.households !== undefined && <Descriptions.Item label={tx('studio.org.households')}>{p.households}</Descriptions.Item>}
          {p.population !== undefined && <Descriptions.Item label={tx('studio.org.population')}>{p.population}</Descriptions.Item>}
        </Descriptions>
      )}
    </div>
  );
}
