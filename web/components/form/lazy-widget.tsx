'use client';

import { lazy, useState, type ComponentType } from 'react';
import type { WidgetProps } from './widgets/widget-props';

type Widget = ComponentType<WidgetProps>;
const starts: (() => Promise<Widget>)[] = [];

/**
 * A widget whose code loads on first use (its own chunk), so a form's first screen does not wait
 * for the code of pickers, maps and uploads further down. Once loaded it renders directly; each
 * instance keeps the element type it started with, so loading never remounts a widget.
 */
export function lazyWidget(load: () => Promise<Widget>): Widget {
  let loaded: Widget | undefined;
  let promise: Promise<Widget> | undefined;
  const start = () => (promise ??= load().then((c) => (loaded = c)));
  starts.push(start);
  const Lazy = lazy(() => start().then((c) => ({ default: c })));
  return function LazyWidget(props: WidgetProps) {
    const [Component] = useState<Widget>(() => loaded ?? Lazy);
    return <Component {...props} />;
  };
}

/** Starts loading every lazy widget (after a form's first screen is up; tests await it). */
export function preloadWidgets(): Promise<unknown> {
  return Promise.all(starts.map((s) => s()));
}
