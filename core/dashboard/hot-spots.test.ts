import { describe, expect, it } from 'vitest';
import { hotSpots, poissonUpperTail } from './hot-spots';

describe('hot spots', () => {
  it('computes Poisson upper tails (hand-checked values)', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X ≥ 3 | λ = 1) = 1 − e^−1 (1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    // Far in the tail: P(X ≥ 30 | λ = 6) ≈ 1.9e-11 (no catastrophic cancellation to 0)
    const tail = poissonUpperTail(30, 6);
    expect(tail).toBeGreaterThan(1e-12);
    expect(tail).toBeLessThan(1e-10);
    expect(poissonUpperTail(5, 0)).toBe(0);
  });

  it('flags keys far above their own baseline, not busy keys at their usual level', () => {
    const baseline = new Map([
      ['urban.streetLight', 28 * 10], // 10 a day, always busy
      ['safety.fireLane', 28 * 1], // 1 a day
      ['disputes', 28 * 2],
    ]);
    const window = new Map([
      ['urban.streetLight', 72], // 7 days × 10 = 70 expected: usual
      ['safety.fireLane', 30], // 7 expected: hot
      ['disputes', 16], // 14 expected: within noise
      ['environment', 4], // never seen before: hot
      ['market', 2], // never seen, but too few to matter
    ]);
    const hot = hotSpots({ baseline, baselineDays: 28, window, windowDays: 7 });
    expect(hot.map((h) => h.key)).toEqual(['safety.fireLane', 'environment']);
    expect(hot[0]).toMatchObject({ observed: 30, expected: 7, ratio: 4.29 });
  });

  it('reports nothing when there is no history to compare with', () => {
    expect(hotSpots({ baseline: new Map(), baselineDays: 28, window: new Map([['a', 50]]), windowDays: 7 })).toEqual([]);
  });
});
