import { startTransition, useEffect, useState } from 'react';

/** Blocks mounted with the first commit: about a phone screen. */
export const FIRST_CHUNK = 8;
const CHUNK = 12;

/**
 * How many of `total` blocks to mount: the first screen at once, the rest in transitions once it
 * is painted. React renders transitions in slices and lets input in between, so a long form can be
 * typed into while its lower fields are still being mounted.
 */
export function useProgressiveCount(total: number): number {
  const [count, setCount] = useState(() => Math.min(total, FIRST_CHUNK));
  useEffect(() => {
    if (count >= total) return;
    const more = () => startTransition(() => setCount((c) => Math.min(total, c + CHUNK)));
    if (count > FIRST_CHUNK) {
      more();
      return;
    }
    // The first screen gets the browser to itself until it is idle (or 300 ms have passed).
    return whenIdle(more, 300);
  }, [count, total]);
  return Math.min(count, total);
}

/** Runs `task` when the browser is idle (soon in any case), e.g. to fetch code needed later. */
export function whenIdle(task: () => void, timeout = 1500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(task, Math.min(timeout, 200));
  return () => clearTimeout(timer);
}
