'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../../core/realtime/live-event';

/**
 * Subscribes to /api/events (server-sent events, reconnecting by itself) and refreshes the page's
 * server data a moment after things change, so figures follow new cases, closures and breaches.
 */
export function useLiveEvents(refreshAfterMs = 3000): LiveEvent[] {
  const router = useRouter();
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const source = new EventSource('/api/events');
    const onEvent = (message: MessageEvent) => {
      const event = JSON.parse(message.data) as LiveEvent;
      setEvents((list) => [event, ...list].slice(0, 30));
      if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          router.refresh();
        }, refreshAfterMs);
      }
    };
    source.addEventListener('case', onEvent);
    source.addEventListener('broadcast', onEvent);
    return () => {
      source.close();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [router, refreshAfterMs]);
  return events;
}
