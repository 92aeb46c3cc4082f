import type { LiveFeed } from './live-feed';
import type { LiveEvent } from './live-event';

export interface SseOptions {
  heartbeatMs?: number;
  /** Aborts the stream (the client went away). */
  signal?: AbortSignal;
  /** Events a slow client may have queued before it is disconnected (it reconnects and reloads). */
  maxQueued?: number;
}

const encoder = new TextEncoder();

// One event goes to thousands of connections: serialise and encode it once, share the bytes.
const frames = new WeakMap<LiveEvent, Uint8Array>();
function frame(e: LiveEvent): Uint8Array {
  let bytes = frames.get(e);
  if (!bytes) frames.set(e, (bytes = encoder.encode(`event: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`)));
  return bytes;
}

/** One text/event-stream: the viewer's events as they happen, and a heartbeat to keep proxies open. */
export function sseStream(feed: LiveFeed, accept: (e: LiveEvent) => boolean, options: SseOptions = {}): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const maxQueued = options.maxQueued ?? 1000;
      let open = true;
      const heartbeat = setInterval(() => send(': ping\n\n'), options.heartbeatMs ?? 15_000);
      heartbeat.unref?.();
      const send = (chunk: string | Uint8Array) => {
        if (!open) return;
        if ((controller.desiredSize ?? 0) < -maxQueued) return close();
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      };
      let unsubscribe = () => {};
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      stop = close;
      options.signal?.addEventListener('abort', close, { once: true });
      send('retry: 3000\n: connected\n\n');
      unsubscribe = await feed.subscribe((e) => {
        if (accept(e)) send(frame(e));
      });
      if (!open) unsubscribe();
    },
    cancel() {
      stop();
    },
  }, { highWaterMark: 1 });
}
