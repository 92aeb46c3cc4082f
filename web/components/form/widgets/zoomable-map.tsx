'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { UiLang } from '../../../i18n';
import { formText } from '../form-text';
import { unproject, type MapFrame } from '../grid-geometry';
import { clientToMap, initialView, panBy, viewBox, zoomAt, type MapView } from '../map-view';

export interface ZoomableMapProps {
  frame: MapFrame;
  lang: UiLang;
  /** The pin, in the frame's projected pixels. */
  pin?: [number, number];
  /** Id of the grid to highlight (the one the pin is in). */
  hitId?: string;
  tileUrl?: string;
  disabled?: boolean;
  onPick: (lng: number, lat: number) => void;
}

const STEP = 1.6;
/** A press that moves less than this many screen pixels is a click (sets the pin), not a drag. */
const CLICK_SLOP = 6;

/**
 * The vector grid map with zoom and pan: mouse wheel and pinch zoom about the pointer, drag pans,
 * + / − / reset buttons, and on the focused map the keys + − 0 and the arrows. Only the viewBox
 * changes, so a pin is placed and drawn in the same projected coordinates at every zoom.
 */
export function ZoomableMap({ frame, lang, pin, hitId, tileUrl, disabled, onPick }: ZoomableMapProps) {
  const [view, setView] = useState<MapView>(() => initialView(frame));
  useEffect(() => setView(initialView(frame)), [frame]);
  const box = viewBox(frame, view);
  const svgRef = useRef<SVGSVGElement>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const travelled = useRef(0);
  const viewRef = useRef(view);
  viewRef.current = view;

  /** Client pixels → map coordinates of the current view. */
  const toMap = (clientX: number, clientY: number): [number, number] => {
    const svg = svgRef.current!;
    const ctm = svg.getScreenCTM?.();
    if (ctm) {
      const pt = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
      return [pt.x, pt.y];
    }
    return clientToMap(viewBox(frame, viewRef.current), svg.getBoundingClientRect(), clientX, clientY);
  };
  /** Screen pixels per map pixel at the current view. */
  const pixelsPerUnit = () => {
    const rect = svgRef.current!.getBoundingClientRect();
    const b = viewBox(frame, viewRef.current);
    return Math.min((rect.width || b.width) / b.width, (rect.height || b.height) / b.height);
  };

  // Wheel zoom needs a non-passive listener to keep the page from scrolling under the map.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.deltaY) return;
      e.preventDefault();
      const [x, y] = toMap(e.clientX, e.clientY);
      const factor = Math.min(2, Math.max(0.5, Math.exp(-e.deltaY * 0.0025)));
      setView((v) => zoomAt(frame, v, factor, x, y));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
    // toMap reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frame]);

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 1) travelled.current = 0;
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const prev = pointers.current.get(e.pointerId);
    if (!prev) return;
    const next = { x: e.clientX, y: e.clientY };
    if (pointers.current.size === 1) {
      const k = pixelsPerUnit();
      travelled.current += Math.hypot(next.x - prev.x, next.y - prev.y);
      if (travelled.current > CLICK_SLOP) setView((v) => panBy(frame, v, -(next.x - prev.x) / k, -(next.y - prev.y) / k));
    } else if (pointers.current.size === 2) {
      const other = [...pointers.current.entries()].find(([id]) => id !== e.pointerId)![1];
      const before = Math.hypot(prev.x - other.x, prev.y - other.y);
      const after = Math.hypot(next.x - other.x, next.y - other.y);
      travelled.current = Infinity;
      if (before > 0 && after > 0) {
        const [x, y] = toMap((next.x + other.x) / 2, (next.y + other.y) / 2);
        setView((v) => zoomAt(frame, v, after / before, x, y));
      }
    }
    pointers.current.set(e.pointerId, next);
  };
  const onPointerEnd = (e: PointerEvent<SVGSVGElement>) => void pointers.current.delete(e.pointerId);

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    // The end of a drag or pinch is not a choice of location.
    if (disabled || travelled.current > CLICK_SLOP) return;
    const [x, y] = toMap(e.clientX, e.clientY);
    const [lng, lat] = unproject(x, y, frame.z);
    onPick(lng, lat);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const b = viewBox(frame, view);
    const moves: Record<string, [number, number]> = { ArrowLeft: [-0.2, 0], ArrowRight: [0.2, 0], ArrowUp: [0, -0.2], ArrowDown: [0, 0.2] };
    let next: MapView | undefined;
    if (e.key === '+' || e.key === '=') next = zoomAt(frame, view, STEP);
    else if (e.key === '-' || e.key === '_') next = zoomAt(frame, view, 1 / STEP);
    else if (e.key === '0') next = initialView(frame);
    else if (moves[e.key]) next = panBy(frame, view, moves[e.key][0] * b.width, moves[e.key][1] * b.height);
    if (!next) return;
    e.preventDefault();
    setView(next);
  };

  const tiles = useMemo(() => (tileUrl ? tileImages(frame, box, view.scale, tileUrl) : []), [tileUrl, frame, box.x, box.y, box.width, box.height, view.scale]);
  const zoomed = view.scale > 1.001;
  return (
    <div className="gw-map-wrap">
      <svg
        ref={svgRef}
        className="gw-map"
        role="img"
        tabIndex={0}
        aria-label={formText(lang, 'form.location.map')}
        aria-keyshortcuts="+ - 0 ArrowLeft ArrowRight ArrowUp ArrowDown"
        data-scale={view.scale.toFixed(3)}
        viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
        style={{ touchAction: zoomed ? 'none' : 'pan-y' }}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      >
        {tiles.map((t) => (
          <image key={t.href} href={t.href} x={t.x} y={t.y} width={t.size} height={t.size} />
        ))}
        <g transform={`translate(${frame.minX} ${frame.minY})`}>
          {frame.paths.map((g) => (
            <path key={g.id} d={g.d} className={hitId === g.id ? 'gw-hit' : undefined}>
              <title>{g.name}</title>
            </path>
          ))}
        </g>
        {pin && (
          // The pin keeps its size on screen whatever the zoom.
          <g className="gw-pin" transform={`translate(${pin[0]} ${pin[1]}) scale(${1 / view.scale})`} pointerEvents="none">
            <path d="M0,0 C-6,-10 -9,-14 -9,-19 A9,9 0 1 1 9,-19 C9,-14 6,-10 0,0Z" fill="#c8102e" stroke="#fff" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
            <circle cy={-19} r={3.5} fill="#fff" />
          </g>
        )}
      </svg>
      <div className="gw-map-zoom">
        <button type="button" aria-label={formText(lang, 'form.location.zoomIn')} title={formText(lang, 'form.location.zoomIn')} onClick={() => setView((v) => zoomAt(frame, v, STEP))}>
          +
        </button>
        <button type="button" aria-label={formText(lang, 'form.location.zoomOut')} title={formText(lang, 'form.location.zoomOut')} onClick={() => setView((v) => zoomAt(frame, v, 1 / STEP))}>
          −
        </button>
        {zoomed && (
          <button type="button" aria-label={formText(lang, 'form.location.zoomReset')} title={formText(lang, 'form.location.zoomReset')} onClick={() => setView(initialView(frame))}>
            ⤢
          </button>
        )}
      </div>
    </div>
  );
}

/** Tiles for the visible box at the zoom the view reaches, positioned in the frame's pixels. */
function tileImages(frame: MapFrame, box: { x: number; y: number; width: number; height: number }, scale: number, template: string) {
  const extra = Math.min(19 - frame.z, Math.max(0, Math.floor(Math.log2(scale))));
  const z = frame.z + extra;
  const size = 256 / 2 ** extra;
  const n = 2 ** z;
  const out: { href: string; x: number; y: number; size: number }[] = [];
  for (let tx = Math.floor(box.x / size); tx * size < box.x + box.width; tx++) {
    for (let ty = Math.floor(box.y / size); ty * size < box.y + box.height; ty++) {
      if (tx < 0 || ty < 0 || tx >= n || ty >= n) continue;
      out.push({ href: template.replace('{z}', String(z)).replace('{x}', String(tx)).replace('{y}', String(ty)), x: tx * size, y: ty * size, size });
    }
  }
  return out;
}
