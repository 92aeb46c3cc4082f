'use client';

import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { clusterPoints } from '../../../core/dashboard/cluster-points';
import type { PluginLayerData } from '../../lib/plugin-ui';
import { Chart } from './chart';
import { drillHref } from './drill';

interface MapData {
  units: { unitId: string; open: number; overdue: number }[];
  points: { id: string; lng: number; lat: number; status: string | null; urgency: unknown; title: unknown }[];
}

/** Red / orange / yellow / blue / grey (红橙黄蓝灰) by urgency and state: the districts' five colours. */
const COLOURS: Record<string, string> = { critical: '#d7191c', urgent: '#fd8d3c', normal: '#fecc5c', done: '#2c7bb6', none: '#9e9e9e' };
const colourOf = (p: MapData['points'][number]) => (p.status === 'reported' ? COLOURS[String(p.urgency ?? 'normal')] ?? COLOURS.normal : p.status ? COLOURS.done : COLOURS.none);

/**
 * The scope's grids drawn from their polygons (no tile server), shaded by open cases or by overdue
 * cases; open cases on top as points, clustered by screen cell when dense. Click a grid or a point
 * for its cases. Plugins' layers (points in their own colours) go above, one legend entry per colour.
 */
export function GridMap({ shapes, data, layers = [], entity, labels, dark, height = 420 }: { shapes: any; data: MapData; layers?: PluginLayerData[]; entity: string; labels: { open: string; overdue: string; zoomIn: string; zoomOut: string; map: string }; dark?: boolean; height?: number }) {
  const label = labels.open;
  const router = useRouter();
  const [measure, setMeasure] = useState<'open' | 'overdue'>('open');
  const chart = useRef<echarts.ECharts | null>(null);
  const [zoom, setZoom] = useState(1);
  /** Zoom (factor) or pan (pixels) through the map's own roam action, as wheel and drag do. */
  const roam = (payload: { zoom?: number; dx?: number; dy?: number }) => {
    const c = chart.current;
    if (!c) return;
    c.dispatchAction({ type: 'geoRoam', geoIndex: 0, originX: c.getWidth() / 2, originY: c.getHeight() / 2, ...payload });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
    if (e.key === '+' || e.key === '=') roam({ zoom: 1.5 });
    else if (e.key === '-' || e.key === '_') roam({ zoom: 1 / 1.5 });
    else if (moves[e.key]) roam({ dx: moves[e.key][0], dy: moves[e.key][1] });
    else return;
    e.preventDefault();
  };
  const mapName = useMemo(() => {
    const name = `gw-${shapes.features.length}-${shapes.features[0]?.properties?.name ?? 'empty'}`;
    if (!echarts.getMap(name)) echarts.registerMap(name, shapes);
    return name;
  }, [shapes]);
  const option = useMemo((): EChartsOption => {
    const lngs = data.points.map((p) => p.lng);
    const span = lngs.length ? Math.max(...lngs) - Math.min(...lngs) : 0;
    // About 40 cells across the visible extent: markers stay apart at any zoom level we open at.
    const clusters = data.points.length > 300 ? clusterPoints(data.points, span / 40) : clusterPoints(data.points, 0);
    const values = data.units.map((u) => ({ name: u.unitId, value: measure === 'open' ? u.open : u.overdue }));
    const max = Math.max(1, ...values.map((v) => v.value));
    return {
      tooltip: { trigger: 'item' },
      visualMap: { min: 0, max, left: 8, bottom: 8, calculable: true, inRange: { color: ['#f7fbff', '#fdae61', '#d7191c'] }, textStyle: { color: dark ? '#ddd' : '#333' }, seriesIndex: 0 },
      geo: { map: mapName, roam: true, itemStyle: { borderColor: '#888', areaColor: 'transparent' }, silent: true },
      series: [
        { type: 'map', map: mapName, geoIndex: 0, name: label, data: values },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          name: label,
          symbolSize: (v: number[]) => Math.min(36, 8 + Math.sqrt(v[2]) * 4),
          label: { show: true, formatter: (p: any) => (p.data.count > 1 ? String(p.data.count) : ''), color: '#fff', fontSize: 10 },
          data: clusters.map((c) => ({
            value: [c.lng, c.lat, c.count],
            count: c.count,
            id: c.count === 1 ? c.points[0].id : undefined,
            ids: c.points.slice(0, 200).map((p) => p.id),
            name: c.count === 1 ? String(c.points[0].title) : `${c.count}`,
            itemStyle: { color: c.count === 1 ? colourOf(c.points[0]) : '#c8102e' },
          })),
        },
        // One series per legend entry, so the legend toggles each colour of each layer.
        ...layers.flatMap((layer) =>
          layer.legend.map((entry) => ({
            type: 'scatter' as const,
            coordinateSystem: 'geo',
            name: `${layer.title} · ${entry.label}`,
            symbol: 'diamond',
            symbolSize: 10,
            itemStyle: { color: entry.colour, borderColor: '#333', borderWidth: 0.5 },
            data: layer.points.filter((p) => p.colour === entry.colour).map((p) => ({ value: [p.lng, p.lat], name: p.name, plugin: true })),
          })),
        ),
      ],
      ...(layers.length ? { legend: { type: 'scroll', top: 0, data: layers.flatMap((l) => l.legend.map((e) => `${l.title} · ${e.label}`)), textStyle: { color: dark ? '#ddd' : '#333' } } } : {}),
    } as EChartsOption;
  }, [data, layers, mapName, measure, label, dark]);
  return (
    <div>
      <div style={{ textAlign: 'right' }}>
        <select value={measure} onChange={(e) => setMeasure(e.target.value as 'open' | 'overdue')} aria-label="measure">
          <option value="open">{label}</option>
          <option value="overdue">{labels.overdue}</option>
        </select>
      </div>
      <div className="gw-chart-map" tabIndex={0} role="application" aria-label={labels.map} aria-keyshortcuts="+ - ArrowLeft ArrowRight ArrowUp ArrowDown" data-zoom={zoom.toFixed(3)} onKeyDown={onKeyDown} style={{ position: 'relative' }}>
        <Chart
          option={option}
          height={height}
          dark={dark}
          onReady={(c) => (chart.current = c)}
          onEvents={{
            // Wheel, pinch, drag, buttons and keys all end here: the zoom is read back from the map.
            georoam: () => {
              const geo = (chart.current?.getOption() as { geo?: { zoom?: number }[] } | undefined)?.geo?.[0];
              setZoom(geo?.zoom ?? 1);
            },
          }}
          onClick={(d) => {
            if (d.plugin) return;
            if (d.ids) router.push(drillHref({ entity, filter: { id: { in: d.ids } } }));
            else if (d.name) router.push(drillHref({ entity, orgUnit: d.name, filter: {} }));
          }}
        />
        <div className="gw-map-zoom gw-map-zoom-bottom">
          <button type="button" aria-label={labels.zoomIn} title={labels.zoomIn} onClick={() => roam({ zoom: 1.5 })}>
            +
          </button>
          <button type="button" aria-label={labels.zoomOut} title={labels.zoomOut} onClick={() => roam({ zoom: 1 / 1.5 })}>
            −
          </button>
        </div>
      </div>
    </div>
  );
}
