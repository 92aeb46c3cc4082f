// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const refresh = vi.fn();
// Next's router is one stable object per app, as here.
const router = { refresh };
vi.mock('next/navigation', () => ({ useRouter: () => router }));

/** The browser's EventSource, driven by the test: one instance per mounted component. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, ((m: MessageEvent) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (m: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    for (const l of this.listeners.get(type) ?? []) l({ data: JSON.stringify(data) } as MessageEvent);
  }
}

const { QueueLive } = await import('./queue-live');

describe('QueueLive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    refresh.mockClear();
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('counts new cases of its entity, refreshes the server data once per burst, and can be dismissed', async () => {
    const { unmount } = render(<QueueLive lang="zh-CN" entity="incidentCase" refreshAfterMs={500} />);
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/events');
    expect(screen.queryByRole('button')).toBeNull();

    act(() => {
      source.emit('case', { kind: 'case', type: 'created', entity: 'incidentCase', recordId: 'A' });
      source.emit('case', { kind: 'case', type: 'created', entity: 'incidentCase', recordId: 'B' });
      source.emit('case', { kind: 'case', type: 'transition', entity: 'incidentCase', recordId: 'C' });
      source.emit('case', { kind: 'case', type: 'created', entity: 'visitLog', recordId: 'D' });
    });
    expect(screen.getByRole('button').textContent).toBe('2 件新事件');
    expect(refresh).not.toHaveBeenCalled();
    await act(async () => {
      vi.advanceTimersByTime(500);
    });
    expect(refresh).toHaveBeenCalledTimes(1);

    act(() => source.emit('case', { kind: 'case', type: 'transition', entity: 'incidentCase', recordId: 'A' }));
    await act(async () => {
      vi.advanceTimersByTime(500);
    });
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button').textContent).toBe('2 件新事件');

    // The same connection throughout: re-renders do not reconnect.
    expect(FakeEventSource.last).toBe(source);
    fireEvent.click(screen.getByRole('button'));
    expect(screen.queryByRole('button')).toBeNull();
    unmount();
    expect(source.closed).toBe(true);
  });

  it('another entity\'s events neither count nor refresh', async () => {
    render(<QueueLive lang="en" entity="incidentCase" refreshAfterMs={500} />);
    act(() => FakeEventSource.last!.emit('case', { kind: 'case', type: 'created', entity: 'visitLog', recordId: 'X' }));
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(refresh).not.toHaveBeenCalled();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
