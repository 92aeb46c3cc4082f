import { startTransition, useEffect, useState } from 'react';

/** Blocks mounted with the first commit: about a phone screen and a half. */
export const FIRST_CHUNK = 12;
const CHUNK = 16;

/**
 * How many of `total` blocks to mount: the first screen at once, the rest in transitions after
 * each commit. React renders transitions in slices and lets input in between, so a long form can
 * be typed into while its lower fields are still being mounted.
 */
export function useProgressiveCount(total: number): number {
  const [count, setCount] = useState(() => Math.min(total, FIRST_CHUNK));
  useEffect(() => {
    if (count < total) startTransition(() => setCount((c) => Math.min(total, c + CHUNK)));
  }, [count, total]);
  return Math.min(count, total);
}
