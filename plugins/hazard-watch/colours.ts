import type { HazardWatchSettings } from './settings.generated';

export type Colour = 'red' | 'orange' | 'yellow' | 'blue' | 'grey';
export type Rule = NonNullable<HazardWatchSettings['rules']>[number];

/** What the colour rules look at for one source. */
export interface SourceState {
  inService: boolean;
  openAlarmSeverities: string[];
  /** Days the next inspection is overdue (negative: not yet due); null when never inspected. */
  inspectionOverdueDays: number | null;
}

const matches = (rule: Rule, s: SourceState) =>
  (rule.outOfService === undefined || rule.outOfService === !s.inService) &&
  (rule.openAlarmSeverity === undefined || s.openAlarmSeverities.some((sev) => (rule.openAlarmSeverity as string[]).includes(sev))) &&
  (rule.inspectionOverdueDays === undefined || s.inspectionOverdueDays === null || s.inspectionOverdueDays >= rule.inspectionOverdueDays);

/** The status colour of a source: the first rule that matches, else the default. */
export function colourOf(rules: Rule[], fallback: Colour, state: SourceState): Colour {
  return rules.find((r) => matches(r, state))?.colour ?? fallback;
}

/** Whole days past the next inspection date (a source never inspected counts as overdue). */
export function overdueDays(lastInspectedAt: string | null, everyDays: number, now: Date): number | null {
  if (!lastInspectedAt) return null;
  const due = new Date(lastInspectedAt).getTime() + everyDays * 86_400_000;
  return Math.floor((now.getTime() - due) / 86_400_000);
}

/** Map colours for the legend. */
export const COLOUR_HEX: Record<Colour, string> = { red: '#d4380d', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff', grey: '#8c8c8c' };
