import { Cron } from 'croner';
import type { PluginSchedule } from './define-plugin';

/** The first run strictly after `after`: cron lines are read in the district's time zone. */
export function nextRun(schedule: PluginSchedule, after: Date, timeZone: string): Date {
  if ('everyMinutes' in schedule) {
    if (!(schedule.everyMinutes > 0)) throw new Error(`everyMinutes must be positive (got ${schedule.everyMinutes})`);
    return new Date(after.getTime() + schedule.everyMinutes * 60_000);
  }
  const next = new Cron(schedule.cron, { timezone: timeZone, paused: true }).nextRun(after);
  if (!next) throw new Error(`cron "${schedule.cron}" never runs again`);
  return next;
}

/** Identifies a schedule: a pending timer made under another schedule is moved at start-up. */
export const scheduleSignature = (schedule: PluginSchedule): string => JSON.stringify(schedule);
