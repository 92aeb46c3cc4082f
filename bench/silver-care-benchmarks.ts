import { prng } from '../core/seed';
import { judgeSeries, type DailyReading } from '../plugins/silver-care/anomaly-detector';
import type { Benchmark } from './harness';

const ELDERS = 300;
const DAYS = 365;
const ANOMALY_RATE = 0.01;
/** The district's settings (configs/huiji/district.json → silver-care → anomalyDetection). */
const RULES = { windowDays: 28, minHistoryDays: 14, threshold: 5 };

/**
 * A year of daily use per elder and meter: the elder's own level, a weekly rhythm, a seasonal swing
 * (electricity: summer and winter), noise, and harmless high days (visitors, laundry). Injected
 * anomalies are days at 0–35 % of the usual level (an elder who fell, or is in hospital).
 */
function syntheticYear(rand: () => number, meter: 'water' | 'electricity') {
  const level = meter === 'water' ? 0.15 + rand() * 0.45 : 2 + rand() * 6;
  const seasonal = meter === 'electricity' ? 0.3 : 0.1;
  const readings: DailyReading[] = [];
  const truth = new Set<string>();
  const start = Date.UTC(2025, 0, 1);
  for (let d = 0; d < DAYS; d++) {
    const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    const weekly = 1 + 0.08 * Math.sin((2 * Math.PI * d) / 7);
    const season = 1 + seasonal * Math.cos((4 * Math.PI * d) / DAYS);
    const noise = Math.exp((rand() + rand() + rand() - 1.5) * 0.12);
    let value = level * weekly * season * noise;
    if (rand() < 0.02) value *= 1.5 + rand();
    if (d >= RULES.minHistoryDays && rand() < ANOMALY_RATE) {
      value *= rand() * 0.35;
      truth.add(day);
    }
    readings.push({ day, value: Math.round(value * 1000) / 1000 });
  }
  return { readings, truth };
}

export const silverCareAnomaly: Benchmark = {
  name: 'silver-care.anomaly',
  description: `water/electricity anomaly detector (robust z-score, ${RULES.windowDays}-day window, threshold ${RULES.threshold}) on a synthetic year for ${ELDERS} elders × 2 meters with ${ANOMALY_RATE * 100}% injected low days`,
  async run() {
    const rand = prng(20261124);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let days = 0;
    const started = performance.now();
    for (let e = 0; e < ELDERS; e++) {
      for (const meter of ['water', 'electricity'] as const) {
        const { readings, truth } = syntheticYear(rand, meter);
        const flagged = new Set(judgeSeries(readings, RULES).filter((v) => v.anomalous).map((v) => v.day));
        days += readings.length;
        for (const day of flagged) (truth.has(day) ? tp++ : fp++);
        for (const day of truth) if (!flagged.has(day)) fn++;
      }
    }
    const ms = performance.now() - started;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const note = `${tp} found, ${fp} false alarms, ${fn} missed of ${tp + fn} injected in ${days} elder-days`;
    return [
      { name: 'silver-care.anomaly.precision', value: precision, unit: 'ratio', target: '≥ 0.90', ok: precision >= 0.9, note },
      { name: 'silver-care.anomaly.recall', value: recall, unit: 'ratio', target: '≥ 0.80', ok: recall >= 0.8 },
      { name: 'silver-care.anomaly.elder-year', value: ms / (ELDERS * 2), unit: 'ms', target: '< 20 ms', ok: ms / (ELDERS * 2) < 20, note: 'judging one meter for one elder over a year' },
    ];
  },
};
