// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildAbility } from '../../core/access';
import { createContextInner } from '../../core/api';
import type { UserProfile } from '../../core/auth';
import { installedPlugins } from '../../plugins';
import gridAlliance from '../../plugins/grid-alliance';
import hazardWatch from '../../plugins/hazard-watch';
import { fakeClock } from '../../test/fake-clock';
import { linshanzhaiOnly } from '../../test/plugin-config';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { webCaller } from '../lib/web-caller';
import { pluginPageViews, type PluginPageProps } from '.';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: vi.fn(), push: vi.fn() }) }));

afterEach(cleanup);

type T = Awaited<ReturnType<typeof createTestRuntime>>;

/** A page's props as the generic route builds them, for `principal`. */
function propsFor(t: T, principal: UserProfile, path: string, search: Record<string, string> = {}): PluginPageProps {
  const { runtime } = t;
  const ctx = createContextInner({ runtime, lang: 'zh-CN', principal });
  const api = webCaller(ctx);
  const ability = buildAbility(runtime.bundle, runtime.org, principal);
  return { api, ctx, runtime, principal, ability, lang: 'zh-CN', timeZone: runtime.bundle.district.timeZone, search, path, shell: { lang: 'zh-CN', platformName: '', districtName: '', userName: '', nav: [] } } as PluginPageProps;
}

async function show(view: string, props: PluginPageProps) {
  render(<main>{await pluginPageViews[view](props)}</main>);
}

describe('plugin page registry', () => {
  it('has a view for every page an installed plugin declares, and none for pages no plugin declares', () => {
    const declared = installedPlugins.flatMap((p) => (p.ui?.pages ?? []).map((pg) => `${p.name}/${pg.key}`)).sort();
    expect(Object.keys(pluginPageViews).sort()).toEqual(declared);
  });
});

describe.each(dialects())('hazard board on %s', (dialect) => {
  const clock = fakeClock('2026-08-03T06:10:00.000Z');
  let t: T;
  let dispatcher: UserProfile;
  let resident: UserProfile;

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { district: 'zhongzhan', now: clock.now, plugins: [hazardWatch] });
    await t.runtime.plugins.seed();
    dispatcher = await createPrincipal(t.runtime, [{ role: 'dispatcher', unitId: 'zz-command' }]);
    resident = await createPrincipal(t.runtime, [{ role: 'resident', unitId: 'zz-lf-c01' }]);
  });
  afterAll(() => t?.close());

  const count = (colour: string) => document.querySelector(`nav a[data-colour="${colour}"] [data-count]`)?.textContent;

  it('counts the 42 sources per colour; an open alarm turns its source red and lists it with the minutes it has run', async () => {
    await show('hazard-watch/board', propsFor(t, dispatcher, '/p/hazard-watch/board'));
    expect([count('red'), count('blue'), count('grey')]).toEqual(['0', '42', '0']);
    expect(document.querySelectorAll('[data-enterprise]')).toHaveLength(8);
    // The demo enterprises are made up, and the page says so.
    expect(document.querySelector('[data-demo-note]')!.textContent).toContain('演示数据');
    expect(screen.getByText('当前没有未解除的报警')).toBeTruthy();
    cleanup();

    const { receiveAlarm } = await import('../../plugins/hazard-watch/alarms');
    await receiveAlarm(t.runtime.plugins.api('hazard-watch') as any, { alarmId: 'AL-1410', sourceId: 'hw-e01-s01', type: 'toxicGas', severity: 'major', at: clock.now().toISOString() }, 'zh-CN');
    clock.advance(12);
    await show('hazard-watch/board', propsFor(t, dispatcher, '/p/hazard-watch/board', { colour: 'red' }));
    expect([count('red'), count('blue')]).toEqual(['1', '41']);
    // Filtered to red: one enterprise, one chip.
    expect([...document.querySelectorAll('[data-source]')].map((a) => a.getAttribute('data-source'))).toEqual(['hw-e01-s01']);
    const row = document.querySelector('tr[data-alarm="AL-1410"]')!;
    expect(row.textContent).toContain('已持续 12 分钟');
    expect(document.querySelector('[data-enterprise="hw-e01"] [data-enterprise-colours]')!.textContent).toMatch(/^红 1 · 蓝 \d+$/);
    expect(row.querySelector('button[data-action="clear-alarm"]')).toBeTruthy();
    cleanup();

    clock.advance(9);
    const { clearAlarm } = await import('../../plugins/hazard-watch/alarms');
    await clearAlarm(t.runtime.plugins.api('hazard-watch') as any, 'AL-1410', 'test', 'zh-CN');
    await show('hazard-watch/board', propsFor(t, dispatcher, '/p/hazard-watch/board', { source: 'hw-e01-s01' }));
    const history = screen.getByRole('heading', { name: /报警记录/ }).parentElement!;
    expect(history.querySelector('tr[data-alarm="AL-1410"]')!.textContent).toContain('解除用时 21 分钟');
  });

  it('refuses the board to someone who may not read hazard sources', async () => {
    await show('hazard-watch/board', propsFor(t, resident, '/p/hazard-watch/board'));
    expect(screen.getByText('403')).toBeTruthy();
  });
});

describe.each(dialects())('网格联盟131 pages on %s', (dialect) => {
  const clock = fakeClock('2026-09-07T01:00:00.000Z');
  let t: T;
  let secretary: UserProfile;
  let resident: UserProfile;
  let id = '';

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { configDir: linshanzhaiOnly(), now: clock.now, plugins: [gridAlliance] });
    await t.runtime.plugins.seed();
    secretary = await createPrincipal(t.runtime, [{ role: 'communitySecretary', unitId: 'zz-zy-01-01' }]);
    resident = await createPrincipal(t.runtime, [{ role: 'resident', unitId: 'zz-zy-01-01-01' }]);
  });
  afterAll(() => t?.close());

  it('shows the six categories, four of them and every item marked as to be named by the district', async () => {
    await show('grid-alliance/alliance', propsFor(t, secretary, '/p/grid-alliance/alliance'));
    const categories = [...document.querySelectorAll('[data-category] summary strong')].map((s) => s.textContent);
    expect(categories).toEqual(['医疗服务', '楼院共治', '第3类（待区里命名）', '第4类（待区里命名）', '第5类（待区里命名）', '第6类（待区里命名）']);
    expect(document.querySelector('[data-to-be-named]')).toBeTruthy();
    expect(document.querySelector('[data-member-kind="residentUnit"] strong')!.textContent).toBe('81');
    expect(screen.getByRole('heading', { name: '为民服务清单：6 大类 125 项' })).toBeTruthy();
    expect(document.querySelector('button[data-action="assign-task"]')).toBeTruthy();
  });

  it('keeps the tally hidden until the deadline, then shows it with the decision', async () => {
    const caller = (p: UserProfile) => webCaller(createContextInner({ runtime: t.runtime, lang: 'zh-CN', principal: p })).plugins['grid-alliance'];
    const d = await caller(secretary).openDeliberation({ orgUnitId: 'zz-zy-01-01', topic: '停车位划线', options: ['划线', '不划线'], deadline: new Date(clock.now().getTime() + 3_600_000).toISOString() });
    id = d.id;
    await caller(resident).vote({ id, option: '划线' });
    await show('grid-alliance/deliberations', propsFor(t, resident, '/p/grid-alliance/deliberations', { id }));
    expect(screen.getByText('计票结果在截止后公布')).toBeTruthy();
    expect(document.querySelector('[data-tally]')).toBeNull();
    expect(document.querySelector('[data-my-vote]')!.textContent).toBe('您已投票：划线');
    expect(screen.getByText(/已投 1 票/)).toBeTruthy();
    cleanup();

    clock.advance(65);
    await t.runtime.scheduler.runDue();
    await show('grid-alliance/deliberations', propsFor(t, resident, '/p/grid-alliance/deliberations', { id }));
    expect(document.querySelector('[data-tally]')!.textContent).toContain('划线1');
    expect(document.querySelector('[data-decision]')!.textContent).toBe('决定：划线');
    expect(document.querySelector('button[data-action="vote"]')).toBeNull();
  });
});
