export { WorkflowEngine, CLOCK_DUE, CLOCK_SUPERVISE, type FireInput, type WorkflowDeps } from './workflow-engine';
export { queueCondition, type QueueKind } from './queues';
export { unitPerformance, type UnitPerformance } from './performance';
export { addClockMinutes, clockMinutesBetween, type WorkCalendar, type ClockTime } from './business-time';
export { profileFor, workCalendar } from './clock-profile';
export { escalationTarget } from './unit-resolution';
export type { TransitionEvent, BreachEvent, TransitionHook, BreachHook, NamedActionEvent, NamedActionHandler } from './workflow-hooks';
export { openClocks, type OpenClock } from './open-clocks';
export type { RetimedClock } from './retime-clocks';
