import { createTRPCClient, httpLink } from '@trpc/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { WebRouter } from './plugin-router';

/**
 * The plugins' procedures are typed for the web client. The assertions are checked by
 * `npm run typecheck` (tsc compiles this file): a wrong input or an unknown procedure is an error,
 * which `@ts-expect-error` requires. The calls are never sent (the function is not run).
 */
const client = createTRPCClient<WebRouter>({ links: [httpLink({ url: 'http://127.0.0.1:9/api/trpc' })] });

function typedCalls() {
  // Right inputs compile.
  void client.plugins['grid-alliance'].report.mutate({ orgUnitId: 'zz-jj-01', title: '路灯不亮' });
  void client.plugins['grid-alliance'].summary.query();
  // @ts-expect-error title must be a string
  void client.plugins['grid-alliance'].report.mutate({ orgUnitId: 'zz-jj-01', title: 42 });
  // @ts-expect-error orgUnitId is required
  void client.plugins['grid-alliance'].report.mutate({ title: '路灯不亮' });
  // @ts-expect-error no such procedure
  void client.plugins['grid-alliance'].noSuchProcedure.query();
  // @ts-expect-error no such plugin
  void client.plugins['no-such-plugin'];
  // Core procedures keep their types.
  // @ts-expect-error entity is required
  void client.entity.list.query({});
}

describe('typed plugin procedures on the web client', () => {
  it('plugins.<name> is part of the client type, with inputs and outputs', () => {
    expect(typeof typedCalls).toBe('function');
    type Summary = Awaited<ReturnType<typeof client.plugins['grid-alliance']['summary']['query']>>;
    expectTypeOf<Summary>().not.toBeAny();
    expectTypeOf(client.plugins['silver-care']).not.toBeAny();
    expectTypeOf<keyof WebRouter['_def']['record']['plugins']>().toEqualTypeOf<'bell-check-in' | 'grid-alliance' | 'hazard-watch' | 'mediation' | 'risk-notices' | 'risk-tags' | 'silver-care'>();
  });
});
