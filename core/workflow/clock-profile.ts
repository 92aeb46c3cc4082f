import type { DistrictBundle, SlaProfile, WorkflowDefinition } from '../config';
import type { Clock } from '../config/types.generated';
import { addClockMinutes, type WorkCalendar } from './business-time';

/**
 * The SLA profile that times a case: its category's (or a parent category's), else its channel's,
 * else the workflow's default. A hazard alarm is held to 21 minutes, a neighbour dispute to days.
 */
export function profileFor(bundle: DistrictBundle, workflow: WorkflowDefinition, data: Record<string, unknown>): SlaProfile | undefined {
  const { district } = bundle;
  const byKey = (key: string | undefined) => (key ? district.slaProfiles.find((p) => p.key === key) : undefined);
  for (let code = data.category as string | undefined; code; ) {
    const category = district.categories.find((c) => c.code === code);
    if (!category) break;
    if (category.slaProfile) return byKey(category.slaProfile);
    code = category.parent;
  }
  const channel = district.channels.find((c) => c.key === data.channel);
  return byKey(channel?.slaProfile) ?? byKey(workflow.slaProfile) ?? district.slaProfiles[0];
}

/** The district's working calendar for clocks counted in working time. */
export function workCalendar(bundle: DistrictBundle): WorkCalendar | undefined {
  const wh = bundle.district.workingHours;
  return wh ? { timeZone: bundle.district.timeZone, ...wh } : undefined;
}

/** When a clock of this definition started at `start` falls due: calendar time, or the district's working time. */
export function clockDueAt(bundle: DistrictBundle, def: Pick<Clock, 'minutes' | 'time'>, start: Date, calendar = workCalendar(bundle)): Date {
  const time = def.time ?? 'calendar';
  return addClockMinutes(start, def.minutes, time, time === 'working' ? calendar : undefined);
}

/** The dedupe key of a clock's deadline job: restarting or re-timing the clock moves that one job. */
export function clockJobKey(entity: string, recordId: string, clock: string, taskId?: string | null): string {
  return `clock:${entity}:${recordId}:${clock}${taskId ? `:${taskId}` : ''}`;
}

/** The dedupe key of a breached clock's supervision timer. */
export const superviseJobKey = (clockId: string) => `supervise:${clockId}`;
