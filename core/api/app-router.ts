import { districtRouter } from './routers/district-router';
import { entityRouter } from './routers/entity-router';
import { healthRouter } from './routers/health-router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  health: healthRouter,
  district: districtRouter,
  entity: entityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
