import { districtRouter } from './routers/district-router';
import { entityRouter } from './routers/entity-router';
import { healthRouter } from './routers/health-router';
import { intakeRouter } from './routers/intake-router';
import { auditRouter } from './routers/audit-router';
import { broadcastRouter } from './routers/broadcast-router';
import { caseRouter } from './routers/case-router';
import { dashboardRouter } from './routers/dashboard-router';
import { meRouter } from './routers/me-router';
import { studioRouter } from './routers/studio-router';
import { studioToolsProcedures } from './routers/studio-tools-router';
import { userRouter } from './routers/user-router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  health: healthRouter,
  district: districtRouter,
  entity: entityRouter,
  case: caseRouter,
  me: meRouter,
  user: userRouter,
  audit: auditRouter,
  intake: intakeRouter,
  dashboard: dashboardRouter,
  broadcast: broadcastRouter,
  // studio-tools (view as, plugins, org import) join the studio's own procedures under `studio`.
  studio: router({ ...studioRouter._def.record, ...studioToolsProcedures }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
