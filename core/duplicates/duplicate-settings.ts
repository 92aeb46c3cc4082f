import type { DistrictConfig } from '../config/types.generated';

export interface DuplicateSettings {
  withinMetres: number;
  windowHours: number;
  textWindowDays: number;
  textMinSimilarity: number;
}

export const RISK_ORDER = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_ORDER)[number];

export function duplicateSettings(district: DistrictConfig): DuplicateSettings {
  const d = district.duplicates ?? {};
  return { withinMetres: d.withinMetres ?? 100, windowHours: d.windowHours ?? 72, textWindowDays: d.textWindowDays ?? 30, textMinSimilarity: d.textMinSimilarity ?? 0.7 };
}

export interface RiskSettings {
  channels: Set<string>;
  withinMetres: number;
  windowDays: number;
  /** Highest threshold first. */
  levels: { minChannels: number; level: RiskLevel; escalate: boolean }[];
}

export function riskSettings(district: DistrictConfig): RiskSettings | undefined {
  const r = district.riskSignals;
  if (!r) return undefined;
  return {
    channels: new Set(r.channels),
    withinMetres: r.withinMetres ?? 300,
    windowDays: r.windowDays ?? 7,
    levels: r.levels.map((l) => ({ minChannels: l.minChannels, level: l.level, escalate: !!l.escalate })).sort((a, b) => b.minChannels - a.minChannels),
  };
}

export const riskRank = (level: unknown) => RISK_ORDER.indexOf(level as RiskLevel);
