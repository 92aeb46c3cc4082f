import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, when the target is a ratio (measured in the same run). */
  baseline?: number;
  ratio?: number;
  /** Human-readable target, e.g. "< 20 ms" or "≥ 0.5". */
  target: string;
  ok: boolean;
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchResult[]>;
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function printTable(results: BenchResult[]): void {
  console.table(
    results.map((r) => ({
      benchmark: r.name,
      value: `${round(r.value)} ${r.unit}`,
      baseline: r.baseline === undefined ? '' : `${round(r.baseline)} ${r.unit}`,
      ratio: r.ratio === undefined ? '' : round(r.ratio, 3),
      target: r.target,
      ok: r.ok ? 'yes' : 'NO',
    })),
  );
}

export function writeResults(results: BenchResult[], file = path.join('bench', 'results.json')): void {
  writeFileSync(file, `${JSON.stringify({ machine: machineInfo(), results }, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
