import type { Runtime } from '../../../core/runtime';

type Label = { 'zh-CN': string; en?: string };

/** The config's names for the keys figures are grouped by (categories, channels, states, SLA clocks). */
export function figureLabels(runtime: Runtime, entity: string) {
  const d = runtime.bundle.district;
  const clock: Record<string, Label> = {};
  for (const profile of d.slaProfiles ?? []) for (const c of profile.clocks) clock[c.key] ??= c.label;
  return {
    category: Object.fromEntries(d.categories.map((c) => [c.code, c.label])) as Record<string, Label>,
    channel: Object.fromEntries(d.channels.map((c) => [c.key, c.label])) as Record<string, Label>,
    status: Object.fromEntries(runtime.registry.get(entity).workflow!.states.map((s) => [s.key, s.label])) as Record<string, Label>,
    clock,
  };
}
