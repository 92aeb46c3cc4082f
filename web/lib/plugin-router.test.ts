import { createTRPCClient, httpLink } from '@trpc/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { WebRouter } from './plugin-router';
import type { WebCaller } from './web-caller';

/**
 * The plugins' procedures are typed for the web client. The assertions are checked by
 * `npm run typecheck` (tsc compiles this file): a wrong input or an unknown procedure is an error,
 * which `@ts-expect-error` requires. The calls are never sent (the function is not run).
 */
const client = createTRPCClient<WebRouter>({ links: [httpLink({ url: 'http://127.0.0.1:9/api/trpc' })] });

function typedCalls(caller: WebCaller) {
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
  // The plugin pages' forms: a reminder notice needs its deadline (the decision form checks it first).
  void client.plugins['risk-notices'].decide.mutate({ meetingId: 'm1', text: '交办', notice: { unitId: 'zz-dept-housing', subject: '物业撤场', deadline: '2026-09-10T09:00:00.000Z' } });
  // @ts-expect-error notice.deadline is required
  void client.plugins['risk-notices'].decide.mutate({ meetingId: 'm1', text: '交办', notice: { unitId: 'zz-dept-housing', subject: '物业撤场' } });
  // @ts-expect-error a deliberation's options are a list
  void client.plugins['grid-alliance'].openDeliberation.mutate({ orgUnitId: 'zz-zy-01-01', topic: '停车', options: '划线', deadline: '' });
  // The server caller the plugin pages read through is typed the same way.
  void caller.plugins['hazard-watch'].alarms({ status: 'open' });
  // @ts-expect-error an alarm is open or cleared
  void caller.plugins['hazard-watch'].alarms({ status: 'closed' });
  // @ts-expect-error deliberation needs its id
  void caller.plugins['grid-alliance'].deliberation({});
  // @ts-expect-error the view reads a meeting's agenda, not a field the procedure does not return
  void caller.plugins['risk-notices'].meeting({ id: 'm1' }).then((m) => m.noSuchField);
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
    expectTypeOf<WebCaller['plugins']['risk-notices']>().not.toBeAny();
    type Meeting = Awaited<ReturnType<WebCaller['plugins']['risk-notices']['meeting']>>;
    expectTypeOf<Meeting['decisions'][number]['text']>().toEqualTypeOf<string>();
    expectTypeOf<keyof WebRouter['_def']['record']['plugins']>().toEqualTypeOf<'bell-check-in' | 'grid-alliance' | 'hazard-watch' | 'mediation' | 'risk-notices' | 'risk-tags' | 'silver-care'>();
  });
});
