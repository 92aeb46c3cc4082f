import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAbility } from '../../core/access';
import { createContextInner, createRuntimeCaller } from '../../core/api';
import bellCheckIn from '../../plugins/bell-check-in';
import hazardWatch from '../../plugins/hazard-watch';
import riskNotices from '../../plugins/risk-notices';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { defaultInputValue, findPluginPage, flattenFigures, loadPluginPanels, pluginNavItems } from './plugin-ui';

describe.each(dialects())('plugin UI on %s', (dialect) => {
  let zz: Awaited<ReturnType<typeof createTestRuntime>>;
  let xg: Awaited<ReturnType<typeof createTestRuntime>>;
  const caller = async (t: typeof zz, role: string, unitId: string) =>
    createRuntimeCaller(createContextInner({ runtime: t.runtime, lang: 'en', principal: await createPrincipal(t.runtime, [{ role, unitId }]) }));

  beforeAll(async () => {
    zz = await createTestRuntime(dialect, { district: 'zhongzhan', plugins: [hazardWatch] });
    xg = await createTestRuntime(dialect, { district: 'xigong', plugins: [hazardWatch] });
    await zz.runtime.plugins.seed();
  });
  afterAll(async () => {
    await zz?.close();
    await xg?.close();
  });

  it('district.plugins gives Zhongzhan hazard-watch’s card and layer, and Xigong (plugin installed, not enabled) nothing', async () => {
    const anonymous = (t: typeof zz) => createRuntimeCaller(createContextInner({ runtime: t.runtime, lang: 'en' }));
    const ui = await anonymous(zz).district.plugins();
    expect(ui.map((p: any) => p.plugin)).toEqual(['hazard-watch']);
    expect(ui[0].cards).toEqual([expect.objectContaining({ key: 'hazards', query: 'dashboard' })]);
    expect(ui[0].mapLayers).toEqual([expect.objectContaining({ key: 'hazardSources', query: 'mapLayer', colourProperty: 'colour' })]);
    expect(await anonymous(xg).district.plugins()).toEqual([]);
  });

  it('reads the cards and layers as the user: figures flattened, points coloured by the legend', async () => {
    const dispatcher = await caller(zz, 'dispatcher', 'zz-command');
    const { cards, layers } = await loadPluginPanels(dispatcher, zz.runtime.plugins.ui(), 'en');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ key: 'hazard-watch.hazards', title: 'Major hazard sources' });
    expect(cards[0].figures).toEqual(expect.arrayContaining([{ key: 'sources', value: 42 }, { key: 'colours.blue', value: 42 }, { key: 'medianClearMinutes', value: '—' }]));
    expect(layers).toHaveLength(1);
    expect(layers[0].points).toHaveLength(42);
    expect(new Set(layers[0].points.map((p) => p.colour))).toEqual(new Set(['#1677ff']));
    expect(layers[0].legend.map((l) => l.label)).toEqual(['Red', 'Orange', 'Yellow', 'Blue', 'Grey']);
    const zh = await loadPluginPanels(dispatcher, zz.runtime.plugins.ui(), 'zh-CN');
    expect(zh.layers[0].legend.map((l) => l.label)).toEqual(['红', '橙', '黄', '蓝', '灰']);
  });

  it('hides what the user may not read', async () => {
    const resident = await caller(zz, 'resident', 'zz-lf-c01');
    expect(await loadPluginPanels(resident, zz.runtime.plugins.ui(), 'en')).toEqual({ cards: [], layers: [] });
  });

  it('shows a plugin menu entry only to users whose ability allows it', async () => {
    const ui = [{ plugin: 'p', label: null, cards: [], mapLayers: [], pages: [], menu: [
      { key: 'sources', label: { 'zh-CN': '危险源', en: 'Sources' }, path: '/entities/x', permission: { action: 'read', subject: 'HazardSource' } },
      { key: 'open', label: { 'zh-CN': '公开', en: 'Open' }, path: '/open' },
    ] }];
    const ability = async (role: string, unitId: string) => buildAbility(zz.runtime.bundle, zz.runtime.org, await createPrincipal(zz.runtime, [{ role, unitId }]));
    expect(pluginNavItems(ui, await ability('dispatcher', 'zz-command'), 'zh-CN')).toEqual([{ href: '/entities/x', label: '危险源' }, { href: '/open', label: '公开' }]);
    expect(pluginNavItems(ui, await ability('resident', 'zz-lf-c01'), 'en')).toEqual([{ href: '/open', label: 'Open' }]);
  });
});

describe.each(dialects())('plugin pages and card inputs on %s', (dialect) => {
  let zz: Awaited<ReturnType<typeof createTestRuntime>>;
  // 23:30 UTC on 31 October is already 1 November in Jiaozuo.
  const now = new Date('2026-10-31T23:30:00.000Z');
  const principal = (role: string, unitId: string) => createPrincipal(zz.runtime, [{ role, unitId }]);
  const caller = async (role: string, unitId: string) => createRuntimeCaller(createContextInner({ runtime: zz.runtime, lang: 'zh-CN', principal: await principal(role, unitId) }));
  const ability = async (role: string, unitId: string) => buildAbility(zz.runtime.bundle, zz.runtime.org, await principal(role, unitId));

  beforeAll(async () => {
    zz = await createTestRuntime(dialect, { district: 'zhongzhan', plugins: [bellCheckIn, riskNotices], now: () => now });
  });
  afterAll(() => zz?.close());

  it('lists a plugin’s pages in the menu by permission, and opens them only for those allowed', async () => {
    const ui = zz.runtime.plugins.ui();
    const analyst = await ability('riskAnalyst', 'zz-command');
    const handler = await ability('departmentHandler', 'zz-dept-housing');
    expect(pluginNavItems(ui, analyst, 'zh-CN')).toEqual(expect.arrayContaining([{ href: '/p/risk-notices/meetings', label: '三会' }, { href: '/p/risk-notices/notices', label: '两单' }]));
    const handlerNav = pluginNavItems(ui, handler, 'en').map((i) => i.href);
    expect(handlerNav).toContain('/p/risk-notices/notices');
    expect(handlerNav).not.toContain('/p/risk-notices/meetings');
    expect(pluginNavItems(ui, await ability('resident', 'zz-lf-c01'), 'en').map((i) => i.href)).not.toContain('/p/risk-notices/notices');
    expect(findPluginPage(ui, analyst, 'risk-notices', 'meetings')).toMatchObject({ status: 'ok', page: { key: 'meetings' } });
    expect(findPluginPage(ui, handler, 'risk-notices', 'meetings')).toEqual({ status: 'forbidden' });
    expect(findPluginPage(ui, analyst, 'risk-notices', 'nowhere')).toEqual({ status: 'missing' });
    // hazard-watch is installed but not given to this runtime: its page does not exist here.
    expect(findPluginPage(ui, analyst, 'hazard-watch', 'board')).toEqual({ status: 'missing' });
  });

  it('shows the monthly coverage card with its month input, the current month in the district’s time zone unless chosen', async () => {
    expect(defaultInputValue('month', now, 'Asia/Shanghai')).toBe('2026-11');
    expect(defaultInputValue('month', now, 'UTC')).toBe('2026-10');
    const dispatcher = await caller('dispatcher', 'zz-command');
    const ui = zz.runtime.plugins.ui();
    const opts = { timeZone: zz.runtime.bundle.district.timeZone, now };
    const { cards } = await loadPluginPanels(dispatcher, ui, 'zh-CN', opts);
    const coverage = cards.find((c) => c.key === 'bell-check-in.coverage')!;
    expect(coverage.inputs).toEqual([{ param: 'bell-check-in.coverage.month', kind: 'month', label: '月份', value: '2026-11' }]);
    expect(coverage.figures).toEqual(expect.arrayContaining([{ key: 'month', value: '2026-11' }, { key: 'rounds', value: 0 }]));
    const chosen = await loadPluginPanels(dispatcher, ui, 'zh-CN', { ...opts, params: { 'bell-check-in.coverage.month': '2026-09' } });
    expect(chosen.cards.find((c) => c.key === 'bell-check-in.coverage')!.figures).toContainEqual({ key: 'month', value: '2026-09' });
    // A malformed month in the URL falls back to the default instead of hiding the card.
    const bad = await loadPluginPanels(dispatcher, ui, 'zh-CN', { ...opts, params: { 'bell-check-in.coverage.month': '2026-13' } });
    expect(bad.cards.find((c) => c.key === 'bell-check-in.coverage')!.inputs![0].value).toBe('2026-11');
  });
});

describe('flattenFigures', () => {
  it('joins nested keys, counts lists, marks missing values', () => {
    expect(flattenFigures({ a: 1.234, b: { c: 2, d: null }, e: [1, 2, 3] })).toEqual([
      { key: 'a', value: 1.23 },
      { key: 'b.c', value: 2 },
      { key: 'b.d', value: '—' },
      { key: 'e', value: 3 },
    ]);
  });
});
