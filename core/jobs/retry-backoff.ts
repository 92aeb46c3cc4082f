/** Longest wait between retries: a handler failing on an outage keeps probing every quarter hour. */
export const MAX_RETRY_DELAY_SECONDS = 15 * 60;

/**
 * Wait before the next run after `attempts` failed runs: 2 s, 4 s, 8 s… capped. Exponential so
 * a dependency that is down is not hammered by every pending job every poll.
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** Math.max(1, attempts), MAX_RETRY_DELAY_SECONDS);
}
