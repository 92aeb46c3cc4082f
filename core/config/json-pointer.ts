/** RFC 6901 JSON pointers: the one syntax for config paths, payload paths and error paths. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value at `pointer` in `doc`, or undefined when any step is missing. */
export function readPointer(doc: unknown, segments: string[]): unknown {
  let cur: unknown = doc;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** Sets a value, creating objects on the way (only plain objects; never array holes). */
export function writePointer(doc: Record<string, unknown>, segments: string[], value: unknown): void {
  let cur = doc;
  segments.slice(0, -1).forEach((s) => {
    if (cur[s] === null || typeof cur[s] !== 'object' || Array.isArray(cur[s])) cur[s] = {};
    cur = cur[s] as Record<string, unknown>;
  });
  cur[segments[segments.length - 1]] = value;
}
