import type { MapFrame } from './grid-geometry';

/**
 * The visible part of a grid map: a zoom factor over the whole frame and the centre, both in the
 * frame's projected pixels. Zooming changes the SVG viewBox only, so polygons, pins and clicks
 * stay in the one coordinate system they were projected in.
 */
export interface MapView {
  scale: number;
  cx: number;
  cy: number;
}

export const MIN_SCALE = 1;
export const MAX_SCALE = 64;

export function initialView(frame: MapFrame): MapView {
  return { scale: 1, cx: frame.minX + frame.width / 2, cy: frame.minY + frame.height / 2 };
}

/** The viewBox of a view, kept inside the frame (no panning off the map). */
export function viewBox(frame: MapFrame, view: MapView): { x: number; y: number; width: number; height: number } {
  const width = frame.width / view.scale;
  const height = frame.height / view.scale;
  const x = Math.min(Math.max(view.cx - width / 2, frame.minX), frame.minX + frame.width - width);
  const y = Math.min(Math.max(view.cy - height / 2, frame.minY), frame.minY + frame.height - height);
  return { x, y, width, height };
}

/** The view with its centre moved back inside the frame, so the next pan starts from what is shown. */
export function clampView(frame: MapFrame, view: MapView): MapView {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale));
  const box = viewBox(frame, { ...view, scale });
  return { scale, cx: box.x + box.width / 2, cy: box.y + box.height / 2 };
}

/** Zooms by `factor`, keeping the map point (x, y) under the same spot of the screen. */
export function zoomAt(frame: MapFrame, view: MapView, factor: number, x?: number, y?: number): MapView {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const box = viewBox(frame, view);
  const px = x ?? box.x + box.width / 2;
  const py = y ?? box.y + box.height / 2;
  // The point's place in the box, as a fraction, stays the same.
  const fx = (px - box.x) / box.width;
  const fy = (py - box.y) / box.height;
  const width = frame.width / scale;
  const height = frame.height / scale;
  return clampView(frame, { scale, cx: px - fx * width + width / 2, cy: py - fy * height + height / 2 });
}

/** Moves the view by a fraction of what is visible (keyboard arrows) or by map pixels (drag). */
export function panBy(frame: MapFrame, view: MapView, dx: number, dy: number): MapView {
  return clampView(frame, { ...view, cx: view.cx + dx, cy: view.cy + dy });
}

/** A point of the element's client area (e.g. a click) in map coordinates, through the current viewBox. */
export function clientToMap(box: { x: number; y: number; width: number; height: number }, rect: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): [number, number] {
  // preserveAspectRatio xMidYMid meet: the box is scaled uniformly and centred in the element.
  const k = Math.min((rect.width || 1) / box.width, (rect.height || 1) / box.height);
  const ox = rect.left + ((rect.width || box.width * k) - box.width * k) / 2;
  const oy = rect.top + ((rect.height || box.height * k) - box.height * k) / 2;
  return [box.x + (clientX - ox) / k, box.y + (clientY - oy) / k];
}
