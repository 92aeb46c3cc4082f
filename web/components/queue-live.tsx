'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../core/realtime/live-event';
import { fill, uiText, type UiLang } from '../i18n';

/**
 * Keeps the command centre's queue current: listens to /api/events (server-sent, only cases the
 * viewer may read) and re-renders the page's server data shortly after cases are created or move,
 * without a reload; counts the new cases since the page opened until the dispatcher dismisses it.
 */
export function QueueLive({ lang, entity, refreshAfterMs = 800 }: { lang: UiLang; entity: string; refreshAfterMs?: number }) {
  const router = useRouter();
  const [fresh, setFresh] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const source = new EventSource('/api/events');
    const onCase = (message: MessageEvent) => {
      const event = JSON.parse(message.data) as LiveEvent;
      if (event.entity !== entity) return;
      if (event.type === 'created') setFresh((n) => n + 1);
      if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          router.refresh();
        }, refreshAfterMs);
      }
    };
    source.addEventListener('case', onCase);
    return () => {
      source.close();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [router, entity, refreshAfterMs]);
  return (
    <div role="status" aria-live="polite" style={{ minHeight: 24 }}>
      {fresh > 0 && (
        <button type="button" className="gw-status gw-new-cases" onClick={() => setFresh(0)} title={uiText(lang, 'queue.newDismiss')} style={{ border: 0, cursor: 'pointer', minHeight: 44, fontSize: 14 }}>
          {fill(uiText(lang, 'queue.newCases'), { n: fresh })}
        </button>
      )}
    </div>
  );
}
