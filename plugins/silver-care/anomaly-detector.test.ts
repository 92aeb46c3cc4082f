import { describe, expect, it } from 'vitest';
import { judgeSeries, robustZ } from './anomaly-detector';

const days = (values: number[]) => values.map((value, i) => ({ day: `2026-01-${String(i + 1).padStart(2, '0')}`, value }));
const RULES = { windowDays: 28, minHistoryDays: 5, threshold: 5 };

describe('anomaly detector', () => {
  it('scores against median and MAD, unmoved by one spike', () => {
    const normal = robustZ([1, 1.1, 0.9, 1, 50], 1);
    expect(normal.median).toBe(1);
    expect(normal.mad).toBeCloseTo(0.1);
    expect(normal.z).toBe(0);
    expect(robustZ([1, 1.1, 0.9, 1, 50], 0.2).z).toBeCloseTo((0.6745 * -0.8) / 0.1);
    expect(robustZ([2, 2, 2], 1).z).toBe(-Infinity);
    expect(robustZ([2, 2, 2], 2).z).toBe(0);
  });

  it('flags only days far below the elder’s own baseline, after enough history', () => {
    const verdicts = judgeSeries(days([0.1, 1, 1.1, 0.9, 1, 1.05, 0.95, 0.05, 3, 1]), RULES);
    expect(verdicts.filter((v) => v.anomalous).map((v) => v.day)).toEqual(['2026-01-08']);
    // The first five days build the baseline: the low first day is not judged.
    expect(verdicts[0].day).toBe('2026-01-06');
  });

  it('keeps an anomalous day out of later baselines', () => {
    const verdicts = judgeSeries(days([1, 1.1, 0.9, 1, 1.05, 0.02, 0.02, 1]), RULES);
    expect(verdicts.filter((v) => v.anomalous).map((v) => v.day)).toEqual(['2026-01-06', '2026-01-07']);
  });
});
