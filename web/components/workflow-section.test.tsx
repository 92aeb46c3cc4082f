// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildAbility } from '../../core/access';
import { createCaller, createContextInner } from '../../core/api';
import type { UserProfile } from '../../core/auth';
import { systemContext } from '../../core/entities';
import type { UiLang } from '../i18n';
import type { PageContext } from '../lib/page-context';
import { fakeClock } from '../../test/fake-clock';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: vi.fn(), push: vi.fn() }) }));
const { WorkflowSection } = await import('./workflow-section');

afterEach(cleanup);

const E = 'incidentCase';
const GRID = 'hj-gx-c01-g01';
const MINUTE = 60_000;

/**
 * The case page's timeline shows a re-categorisation with the clocks it re-timed: each clock's old
 * and new deadline on the district's clock (Asia/Shanghai; the test host runs on UTC), and, when the
 * new category's longer time withdrew a breach, that the clock runs again. Real runtime, real
 * re-categorisation, the page's own server component.
 */
describe.each(dialects())('workflow section: the recategorised event on %s (Huiji)', (dialect) => {
  const clock = fakeClock('2026-09-21T01:00:00.000Z'); // Monday 09:00 in Zhengzhou
  let t: Awaited<ReturnType<typeof createTestRuntime>>;
  let dispatcher: UserProfile;

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { district: 'huiji', now: clock.now });
    dispatcher = await createPrincipal(t.runtime, [{ role: 'dispatcher', unitId: 'hj-command' }]);
  });
  afterAll(() => t?.close());

  /** What the case page hands the section: a caller acting as the user, the district's time zone. */
  function pageContextFor(principal: UserProfile, lang: UiLang): PageContext {
    const { runtime } = t;
    const ctx = createContextInner({ runtime, lang, principal });
    const ability = buildAbility(runtime.bundle, runtime.org, principal);
    return { lang, runtime, principal, ctx, ability, api: createCaller(ctx), timeZone: runtime.bundle.district.timeZone, shell: { lang, platformName: '', districtName: '', userName: '', nav: [] } } as PageContext;
  }
  const api = (lang: UiLang = 'zh-CN') => pageContextFor(dispatcher, lang).api;
  const report = (title: string, category: string) =>
    t.runtime.entities.create({ lang: 'en', actor: { id: 'test' } }, E, { orgUnitId: GRID, data: { title, category, channel: 'gridReport', reportedAt: clock.now().toISOString() } });
  async function recategorise(id: string, category: string) {
    const current = await api().entity.get({ entity: E, id });
    await api().case.recategorise({ entity: E, id, category, version: current.version });
  }
  async function show(id: string, lang: UiLang = 'zh-CN') {
    const record = await api(lang).entity.get({ entity: E, id });
    render(<main>{await WorkflowSection({ pc: pageContextFor(dispatcher, lang), entity: E, record })}</main>);
    const events = document.querySelectorAll('li[data-event="recategorised"]');
    expect(events).toHaveLength(1);
    return events[0];
  }
  const retimedLines = (event: Element) => [...event.querySelectorAll('[data-retimed] > li')].map((li) => li.textContent);

  it('fast → slow after a breach: the old and new due times on the district clock, and that the clock runs again', async () => {
    const created = await report('独居老人手环报警', 'services.silverCare.alarm');
    clock.advance(130);
    await t.runtime.scheduler.runDue();
    const breached = (await t.runtime.workflow.timeline(systemContext('en'), E, created.id)).clocks.find((c) => c.clock === 'resolve')!;
    expect(breached).toMatchObject({ status: 'breached', dueAt: '2026-09-21T03:00:00.000Z' });
    await recategorise(created.id, 'safety.fireLane');

    // Due two hours after the report (11:00 in Zhengzhou, 03:00 UTC), now 72 hours after it.
    const event = await show(created.id);
    expect(event.textContent).toContain('银发守护：跌倒/SOS报警（15分钟响应） → 消防通道占用（消防、城管、物业协同处置）');
    expect(retimedLines(event)).toEqual(['处置 时限 2026年9月21日 11:00 → 2026年9月24日 09:00（按新类别未超时，恢复计时）']);
    cleanup();

    const inEnglish = await show(created.id, 'en');
    expect(retimedLines(inEnglish)).toEqual(["Resolve due Sep 21, 2026, 11:00 AM → Sep 24, 2026, 9:00 AM (within the new category's time: running again)"]);
  });

  it('slow → fast: both due times, and no "running again" for a clock that was never breached', async () => {
    clock.advance(7 * 24 * 60);
    const created = await report('消防通道被私家车堵塞', 'safety.fireLane');
    clock.advance(30);
    await recategorise(created.id, 'services.silverCare.alarm');

    const event = await show(created.id);
    const lines = retimedLines(event);
    expect(lines).toEqual(['处置 时限 2026年10月1日 11:10 → 2026年9月28日 13:10']);
    expect(event.textContent).not.toContain('恢复计时');
  });
});
