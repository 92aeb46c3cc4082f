'use client';

import Button from 'antd/es/button';
import InputNumber from 'antd/es/input-number';
import { useEffect, useMemo, useState } from 'react';
import { findGrid, mapFrame, project } from '../grid-geometry';
import { formText } from '../form-text';
import type { GridFeatureCollection } from '../types';
import type { WidgetProps } from './widget-props';
import { ZoomableMap } from './zoomable-map';

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
 * A pin on a vector map of the grids (SVG from GeoJSON, no tile server; zoom and pan), "use my location", typed
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
  return (
    <div>
      {frame && (
        <ZoomableMap
          frame={frame}
          lang={lang}
          pin={pin}
          hitId={grid ? String(grid.properties?.id) : undefined}
          tileUrl={context.tileUrl}
          disabled={p.disabled}
          onPick={(lng, lat) => set(lng, lat)}
        />
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
