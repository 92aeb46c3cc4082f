import { publicProcedure, router } from '../trpc';
import { healthStatus } from '../health';

export const healthRouter = router({
  status: publicProcedure.query(({ ctx }) => healthStatus(ctx.runtime)),
});
