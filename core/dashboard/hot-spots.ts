/**
 * Hot spots (筛选一个时间段内高频发生事件): keys (categories, places) whose count in a window is
 * unusually high against their own history. Each key's baseline is its mean daily count over the
 * preceding days; the window count is compared with a Poisson variable of that rate times the
 * window length. A key is hot when the upper tail P(X ≥ observed) is below `alpha` and at least
 * `minCount` cases happened — so a quiet grid with 2 cases is not "hot" while one with 30 against
 * an expected 6 is.
 */
export interface HotSpotInput {
  /** Daily counts per key over the baseline days (missing days count as 0). */
  baseline: Map<string, number>;
  baselineDays: number;
  /** Counts per key in the window. */
  window: Map<string, number>;
  windowDays: number;
  alpha?: number;
  minCount?: number;
}

export interface HotSpot {
  key: string;
  observed: number;
  expected: number;
  /** observed / expected */
  ratio: number;
  /** P(X ≥ observed) under the baseline rate. */
  pValue: number;
}

/** Upper tail of a Poisson distribution, P(X ≥ k), summed in log space (stable for large k, λ). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≥ k) = 1 − Σ_{i<k} e^−λ λ^i / i!; for k far above λ sum the tail directly instead.
  const logTerm = (i: number, prev: number) => prev + Math.log(lambda) - Math.log(i);
  if (k > lambda) {
    let log = -lambda;
    for (let i = 1; i <= k; i++) log = logTerm(i, log);
    let term = Math.exp(log);
    let sum = 0;
    for (let i = k; term > sum * 1e-15 || i < k + 10; i++) {
      sum += term;
      term *= lambda / (i + 1);
      if (i > k + 10_000) break;
    }
    return Math.min(1, sum);
  }
  let log = -lambda;
  let below = Math.exp(log);
  for (let i = 1; i < k; i++) {
    log = logTerm(i, log);
    below += Math.exp(log);
  }
  return Math.max(0, 1 - below);
}

export function hotSpots(input: HotSpotInput): HotSpot[] {
  const alpha = input.alpha ?? 0.01;
  const minCount = input.minCount ?? 3;
  const out: HotSpot[] = [];
  // Without any history (a new district, a fresh import) nothing is unusual: there is no baseline.
  if (![...input.baseline.values()].some((n) => n > 0)) return out;
  for (const [key, observed] of input.window) {
    if (observed < minCount) continue;
    const perDay = (input.baseline.get(key) ?? 0) / Math.max(1, input.baselineDays);
    // A key never seen before still has some chance of a case: half a case over the baseline.
    const expected = Math.max(perDay, 0.5 / Math.max(1, input.baselineDays)) * input.windowDays;
    const pValue = poissonUpperTail(observed, expected);
    if (pValue < alpha) out.push({ key, observed, expected: Math.round(expected * 100) / 100, ratio: Math.round((observed / expected) * 100) / 100, pValue });
  }
  return out.sort((a, b) => a.pValue - b.pValue || b.observed - a.observed);
}
