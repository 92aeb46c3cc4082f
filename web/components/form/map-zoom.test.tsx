// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mapFrame, project } from './grid-geometry';
import { clientToMap, initialView, panBy, viewBox, zoomAt } from './map-view';
import { testGrids } from './test-fixtures';
import { installDomShims, renderForm, submit } from './test-support';
import type { JsonSchema } from './types';

beforeAll(installDomShims);
afterEach(cleanup);

const schema: JsonSchema = {
  type: 'object',
  properties: { location: { type: 'object', title: '事发位置', 'x-widget': 'location', properties: { lng: { type: 'number' }, lat: { type: 'number' } } } },
};
const frame = mapFrame(testGrids);

/** The map as a 1:1 element at the page's origin, with no CTM (happy-dom): clicks go through the viewBox. */
function mapElement(): SVGSVGElement {
  const svg = document.querySelector('svg.gw-map') as SVGSVGElement;
  svg.getScreenCTM = () => null;
  svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: frame.width, height: frame.height }) as DOMRect;
  return svg;
}
const boxOf = (svg: SVGSVGElement) => svg.getAttribute('viewBox')!.split(' ').map(Number);
/** Where a map point appears in the element for the current viewBox. */
function screenOf(svg: SVGSVGElement, lng: number, lat: number): [number, number] {
  const [x, y] = project(lng, lat, frame.z);
  const [bx, by, bw] = boxOf(svg);
  const k = frame.width / bw;
  return [(x - bx) * k, (y - by) * k];
}

describe('grid map zoom and pan', () => {
  it('view maths: zoom keeps the point under the cursor, pan stays on the map, clicks map through the viewBox', () => {
    const v0 = initialView(frame);
    const [px, py] = project(112.401, 34.681, frame.z);
    const v1 = zoomAt(frame, v0, 4, px, py);
    const b0 = viewBox(frame, v0);
    const b1 = viewBox(frame, v1);
    expect(b1.width).toBeCloseTo(b0.width / 4);
    // Same fraction of the box before and after (unless clamped at the edge, which it is not here).
    expect((px - b1.x) / b1.width).toBeCloseTo((px - b0.x) / b0.width, 5);
    const far = panBy(frame, v1, 1e6, 1e6);
    const bf = viewBox(frame, far);
    expect(bf.x + bf.width).toBeCloseTo(frame.minX + frame.width);
    expect(bf.y + bf.height).toBeCloseTo(frame.minY + frame.height);
    expect(zoomAt(frame, v0, 1e9).scale).toBe(64);
    expect(zoomAt(frame, v0, 1e-9).scale).toBe(1);
    const [mx, my] = clientToMap(b1, { left: 10, top: 20, width: b1.width * 4, height: b1.height * 4 }, 10 + (px - b1.x) * 4, 20 + (py - b1.y) * 4);
    expect(mx).toBeCloseTo(px);
    expect(my).toBeCloseTo(py);
  });

  it('buttons zoom in and out; a click on the zoomed map pins the right point and grid', async () => {
    const { submitted } = renderForm({ schema, context: { grids: testGrids } });
    const svg = mapElement();
    const [, , w0] = boxOf(svg);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '放大地图' })));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '放大地图' })));
    const [, , w2] = boxOf(svg);
    expect(w2).toBeCloseTo(w0 / 2.56, 3);
    // A point of the first grid, clicked where the zoomed map shows it.
    const [cx, cy] = screenOf(svg, 112.4085, 34.6885);
    expect(cx).toBeGreaterThan(0);
    expect(cx).toBeLessThan(frame.width);
    await act(async () => void fireEvent.click(svg, { clientX: cx, clientY: cy }));
    expect(screen.getByText('所在网格：第一网格')).toBeTruthy();
    // The pin is drawn at the projected point, scaled back to its screen size.
    const [x, y] = project(112.4085, 34.6885, frame.z);
    const pin = svg.querySelector('g.gw-pin')!.getAttribute('transform')!;
    const [tx, ty, s] = pin.match(/-?[\d.]+/g)!.map(Number);
    expect(tx).toBeCloseTo(x, 0);
    expect(ty).toBeCloseTo(y, 0);
    expect(s).toBeCloseTo(1 / 2.56, 3);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '复位地图' })));
    expect(boxOf(svg)[2]).toBeCloseTo(w0);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '缩小地图' })));
    expect(boxOf(svg)[2]).toBeCloseTo(w0);
    await submit();
    const loc = submitted[0].location as { lng: number; lat: number };
    expect(loc.lng).toBeCloseTo(112.4085, 4);
    expect(loc.lat).toBeCloseTo(34.6885, 4);
  });

  it('keyboard: + and − zoom, arrows pan, 0 resets, on the focused map', async () => {
    renderForm({ schema, context: { grids: testGrids } });
    const svg = mapElement();
    expect(svg.getAttribute('tabindex')).toBe('0');
    const [x0, , w0] = boxOf(svg);
    await act(async () => void fireEvent.keyDown(svg, { key: '+' }));
    const [x1, , w1] = boxOf(svg);
    expect(w1).toBeCloseTo(w0 / 1.6);
    await act(async () => void fireEvent.keyDown(svg, { key: 'ArrowRight' }));
    const [x2] = boxOf(svg);
    expect(x2).toBeCloseTo(x1 + 0.2 * w1);
    await act(async () => void fireEvent.keyDown(svg, { key: '-' }));
    await act(async () => void fireEvent.keyDown(svg, { key: '+' }));
    await act(async () => void fireEvent.keyDown(svg, { key: '0' }));
    expect(boxOf(svg)[0]).toBeCloseTo(x0);
    expect(boxOf(svg)[2]).toBeCloseTo(w0);
  });

  it('the wheel zooms about the pointer; a drag pans and does not move the pin', async () => {
    const { submitted } = renderForm({ schema, context: { grids: testGrids }, value: { location: { lng: 112.401, lat: 34.681 } } });
    const svg = mapElement();
    const [sx, sy] = screenOf(svg, 112.415, 34.685);
    const wheel = new WheelEvent('wheel', { deltaY: -200, bubbles: true, cancelable: true });
    // happy-dom's WheelEvent has no pointer position of its own.
    Object.defineProperties(wheel, { clientX: { value: sx }, clientY: { value: sy } });
    await act(async () => void svg.dispatchEvent(wheel));
    expect(wheel.defaultPrevented).toBe(true);
    expect(Number(svg.getAttribute('data-scale'))).toBeGreaterThan(1.5);
    // The point under the pointer is still under it.
    const [ax, ay] = screenOf(svg, 112.415, 34.685);
    expect(ax).toBeCloseTo(sx, 3);
    expect(ay).toBeCloseTo(sy, 3);
    const before = boxOf(svg)[0];
    await act(async () => {
      fireEvent.pointerDown(svg, { pointerId: 1, clientX: 200, clientY: 100 });
      fireEvent.pointerMove(svg, { pointerId: 1, clientX: 150, clientY: 100 });
      fireEvent.pointerUp(svg, { pointerId: 1, clientX: 150, clientY: 100 });
      fireEvent.click(svg, { clientX: 150, clientY: 100 });
    });
    expect(boxOf(svg)[0]).toBeGreaterThan(before);
    await submit();
    expect(submitted[0].location).toEqual({ lng: 112.401, lat: 34.681 });
  });

  it('pinch: two pointers spreading apart zoom in', async () => {
    renderForm({ schema, context: { grids: testGrids } });
    const svg = mapElement();
    await act(async () => {
      fireEvent.pointerDown(svg, { pointerId: 1, clientX: 100, clientY: 100 });
      fireEvent.pointerDown(svg, { pointerId: 2, clientX: 200, clientY: 100 });
      fireEvent.pointerMove(svg, { pointerId: 2, clientX: 300, clientY: 100 });
      fireEvent.pointerUp(svg, { pointerId: 2 });
      fireEvent.pointerUp(svg, { pointerId: 1 });
    });
    expect(Number(svg.getAttribute('data-scale'))).toBeCloseTo(2, 3);
  });
});
