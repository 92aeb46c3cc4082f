/** Reads server-sent events from a stream until one matches, or fails after a timeout. */
export function sseReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: { event: string; data: any }[] = [];
  const pump = async () => {
    const { done, value } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  };
  return {
    events,
    async next(match: (e: { event: string; data: any }) => boolean, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = events.findIndex(match);
        if (i >= 0) return events.splice(i, 1)[0];
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(events)}`);
        await Promise.race([pump(), new Promise((r) => setTimeout(r, 50))]);
      }
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}
