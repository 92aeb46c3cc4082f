export { hotSpots, poissonUpperTail, type HotSpot } from './hot-spots';
export { DashboardService, MAX_WINDOW_DAYS, type FiguresInput, type Count, type Rate, type ClockFigure, type UnitRanking } from './dashboard-service';
export { drillQuery, drillDownSchema, type DrillDown, type RelatedCondition } from './drill-down';
export { ensureRollups, rollupTriggers, rollupDrift, caseDims, caseEntities } from './rollup-triggers';
export { localDay, dayStart, addDays, monthStart, daysBetween, offsetMinutes, constantOffset } from './local-days';
export { clusterPoints, type Cluster, type MapPoint } from './cluster-points';
