'use client';

import Button from 'antd/es/button';
import InputNumber from 'antd/es/input-number';
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { findGrid, mapFrame, project, unproject } from '../grid-geometry';
import { formText } from '../form-text';
import type { GridFeatureCollection } from '../types';
import type { WidgetProps } from './widget-props';

interface Point {
  lng: number;
  lat: number;
}

const loaded = new WeakMap<() => Promise<GridFeatureCollection>, Promise<GridFeatureCollection>>();

function useGrids(p: WidgetProps): GridFeatureCollection | undefined {
  const { grids, loadGrids } = p.runtime.context;
  const [fetched, setFetched] = useState<GridFeatureCollection>();
  useEffect(() => {
    if (grids || !loadGrids) return;
    let promise = loaded.get(loadGrids);
    if (!promise) loaded.set(loadGrids, (promise = loadGrids()));
    let live = true;
    promise.then((g) => live && setFetched(g)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [grids, loadGrids]);
  return grids ?? fetched;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * A pin on a vector map of the grids (SVG from GeoJSON, no tile server), "use my location", typed
 * coordinates for keyboards, and the grid the point falls in.
 */
export function LocationWidget(p: WidgetProps) {
  const { lang, context } = p.runtime;
  const grids = useGrids(p);
  const frame = useMemo(() => (grids ? mapFrame(grids) : undefined), [grids]);
  const point = (p.value as Point | undefined) ?? undefined;
  const hasPoint = typeof point?.lng === 'number' && typeof point?.lat === 'number';
  const grid = hasPoint ? findGrid(grids, point.lng, point.lat) : undefined;
  const [locating, setLocating] = useState<'idle' | 'busy' | 'denied'>('idle');

  const set = (lng: number | undefined, lat: number | undefined) => {
    if (lng === undefined && lat === undefined) p.onChange(undefined);
    else p.onChange({ ...(lng !== undefined ? { lng: round(lng) } : {}), ...(lat !== undefined ? { lat: round(lat) } : {}) });
  };

  const pick = (e: MouseEvent<SVGSVGElement>) => {
    if (!frame || p.disabled) return;
    const svg = e.currentTarget;
    const ctm = svg.getScreenCTM();
    let x: number;
    let y: number;
    if (ctm) {
      const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
      [x, y] = [pt.x, pt.y];
    } else {
      const box = svg.getBoundingClientRect();
      x = frame.minX + ((e.clientX - box.left) / (box.width || 1)) * frame.width;
      y = frame.minY + ((e.clientY - box.top) / (box.height || 1)) * frame.height;
    }
    const [lng, lat] = unproject(x, y, frame.z);
    set(lng, lat);
  };

  const locate = () => {
    if (!navigator.geolocation) return setLocating('denied');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating('idle');
        set(pos.coords.longitude, pos.coords.latitude);
      },
      () => setLocating('denied'),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  const pin = hasPoint && frame ? project(point.lng, point.lat, frame.z) : undefined;
  const tiles = frame && context.tileUrl ? tileImages(frame, context.tileUrl) : [];
  return (
    <div>
      {frame && (
        <svg
          className="gw-map"
          role="img"
          aria-label={formText(lang, 'form.location.map')}
          viewBox={`${frame.minX} ${frame.minY} ${frame.width} ${frame.height}`}
          onClick={pick}
        >
          {tiles.map((t) => (
            <image key={t.href} href={t.href} x={t.x} y={t.y} width={256} height={256} />
          ))}
          <g transform={`translate(${frame.minX} ${frame.minY})`}>
            {frame.paths.map((g) => (
              <path key={g.id} d={g.d} className={grid && String(grid.properties?.id) === g.id ? 'gw-hit' : undefined}>
                <title>{g.name}</title>
              </path>
            ))}
          </g>
          {pin && (
            <g transform={`translate(${pin[0]} ${pin[1]})`} pointerEvents="none">
              <path
                d="M0,0 C-6,-10 -9,-14 -9,-19 A9,9 0 1 1 9,-19 C9,-14 6,-10 0,0Z"
                fill="#c8102e"
                stroke="#fff"
                strokeWidth={1.5}
                vectorEffect="non-scaling-stroke"
              />
              <circle cy={-19} r={3.5} fill="#fff" />
            </g>
          )}
        </svg>
      )}
      <div className="gw-coords">
        {(['lng', 'lat'] as const).map((axis, i) => (
          <InputNumber
            key={axis}
            id={i === 0 ? p.id : undefined}
            aria-label={formText(lang, axis === 'lng' ? 'form.location.lng' : 'form.location.lat')}
            aria-describedby={p.describedBy}
            placeholder={formText(lang, axis === 'lng' ? 'form.location.lng' : 'form.location.lat')}
            disabled={p.disabled}
            value={point?.[axis] ?? null}
            min={axis === 'lng' ? -180 : -90}
            max={axis === 'lng' ? 180 : 90}
            step={0.0001}
            style={{ flex: 1 }}
            onChange={(v) => (axis === 'lng' ? set(v ?? undefined, point?.lat) : set(point?.lng, v ?? undefined))}
            onBlur={p.onBlur}
          />
        ))}
      </div>
      <div className="gw-actions">
        {!p.disabled && (
          <Button onClick={locate} loading={locating === 'busy'}>
            {formText(lang, locating === 'busy' ? 'form.location.locating' : 'form.location.useMine')}
          </Button>
        )}
        {!p.disabled && hasPoint && <Button onClick={() => set(undefined, undefined)}>{formText(lang, 'form.location.clear')}</Button>}
      </div>
      <div role="status" className="gw-help">
        {locating === 'denied' && formText(lang, 'form.location.denied')}
        {hasPoint &&
          grids &&
          (grid
            ? formText(lang, 'form.location.inGrid', { grid: String(grid.properties?.name ?? grid.properties?.id) })
            : formText(lang, 'form.location.outside'))}
      </div>
    </div>
  );
}

function tileImages(frame: ReturnType<typeof mapFrame>, template: string) {
  const out: { href: string; x: number; y: number }[] = [];
  const n = 2 ** frame.z;
  for (let tx = Math.floor(frame.minX / 256); tx * 256 < frame.minX + frame.width; tx++) {
    for (let ty = Math.floor(frame.minY / 256); ty * 256 < frame.minY + frame.height; ty++) {
      if (tx < 0 || ty < 0 || tx >= n || ty >= n) continue;
      out.push({ href: template.replace('{z}', String(frame.z)).replace('{x}', String(tx)).replace('{y}', String(ty)), x: tx * 256, y: ty * 256 });
    }
  }
  return out;
}
