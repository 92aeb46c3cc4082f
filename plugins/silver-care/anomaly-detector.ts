/** Settings of the detector (settings.anomalyDetection in district.json). */
export interface AnomalyRules {
  /** Days of the elder's own history the baseline is taken from. */
  windowDays: number;
  /** Fewer days of history than this: no judgement yet. */
  minHistoryDays: number;
  /** A day is anomalous when its robust z-score is at or below minus this. */
  threshold: number;
}

export interface DailyReading {
  /** YYYY-MM-DD. */
  day: string;
  value: number;
}

export interface Verdict {
  day: string;
  value: number;
  median: number;
  mad: number;
  z: number;
  anomalous: boolean;
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Robust z-score of `value` against `history`: 0.6745 · (x − median) / MAD. Median and MAD
 * ignore the odd spike or holiday that would drag a mean and standard deviation. When MAD is 0
 * (a perfectly regular meter) the mean absolute deviation stands in, scaled to the same units.
 */
export function robustZ(history: number[], value: number): { z: number; median: number; mad: number } {
  const sorted = [...history].sort((a, b) => a - b);
  const m = median(sorted);
  const deviations = sorted.map((v) => Math.abs(v - m)).sort((a, b) => a - b);
  const mad = median(deviations);
  if (mad > 0) return { z: (0.6745 * (value - m)) / mad, median: m, mad };
  const meanAbs = deviations.reduce((s, d) => s + d, 0) / deviations.length;
  if (meanAbs > 0) return { z: (0.7979 * (value - m)) / meanAbs, median: m, mad };
  // A constant history: any drop is infinitely unusual, no change is normal.
  return { z: value < m ? -Infinity : value > m ? Infinity : 0, median: m, mad };
}

/**
 * Judges each day against the `windowDays` days before it (days judged anomalous are left out
 * of later baselines, so one outage does not become the new normal). Readings must be sorted by day.
 * Only days far BELOW the baseline are anomalies: an elder who stops using water or power may be
 * unwell; a high day is not our concern.
 */
export function judgeSeries(readings: DailyReading[], rules: AnomalyRules): Verdict[] {
  const out: Verdict[] = [];
  const baseline: number[] = [];
  for (const r of readings) {
    if (baseline.length >= rules.minHistoryDays) {
      const { z, median: m, mad } = robustZ(baseline.slice(-rules.windowDays), r.value);
      const anomalous = z <= -rules.threshold;
      out.push({ day: r.day, value: r.value, median: m, mad, z, anomalous });
      if (anomalous) continue;
    }
    baseline.push(r.value);
  }
  return out;
}
