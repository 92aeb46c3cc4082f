import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServers } from '../demo-servers';
import { dialects } from '../test-database';
import { launchBrowser, ready, signIn, type WebServer } from '../web-app';

/**
 * The studio's workflow, roles, org and plugins pages in headless Chromium against the production
 * build: the admin sees the case workflow as a graph, views the roles grid as the grid worker
 * (only his grid's cases), dry-runs a CSV import with one bad row and its reason, switches a plugin
 * off in the draft; a grid worker is refused the studio, page and procedures alike.
 */
const SHOTS = path.resolve('test-results');
// 红山社区第一网格 / 第二网格: the demo grid worker's grid and its neighbour.
const IN_GRID = { lng: 112.4064, lat: 34.691 };
const OTHER_GRID = { lng: 112.4088, lat: 34.691 };

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
const servers = demoServers(dialects().map((dialect) => ({ dialect })));

/** A tRPC call from inside the page with its own session cookie. */
async function call(page: Page, procedure: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ procedure, input, method }) => {
      const url = method === 'GET' ? `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}` : `/api/trpc/${procedure}`;
      const res = await fetch(url, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return { status: res.status, body: await res.json() };
    },
    { procedure, input, method },
  );
}

describe.each(dialects())('studio admin pages on %s', (dialect) => {
  let server: WebServer;
  let browser: Browser;
  let adminCtx: BrowserContext;
  let workerCtx: BrowserContext;
  let admin: Page;
  let step = 0;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `studio-admin-${dialect}-${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await servers.take(dialect);
    browser = await launchBrowser();
    adminCtx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    workerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    admin = await signIn(adminCtx, server.base, 'districtadmin');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the admin opens the workflow editor and sees the case workflow as a graph, then edits a transition in the side panel', async () => {
    await admin.goto(`${server.base}/studio/workflows`);
    await ready(admin, 60_000);
    await admin.locator('a[data-workflow="caseWorkflow"]').click();
    await admin.waitForURL('**/studio/workflows/caseWorkflow');
    await ready(admin, 60_000);
    const def = (await call(admin, 'studio.file', { path: 'workflows/case-workflow.json' }, 'GET')).body.result.data.content;
    await admin.locator('.react-flow__node').first().waitFor();
    expect(await admin.locator('.react-flow__node').count()).toBe(def.states.length);
    const edges = def.transitions.reduce((n: number, t: { from: string[] }) => n + t.from.length, 0);
    await expect.poll(() => admin.locator('.react-flow__edge').count()).toBe(edges);
    expect(await admin.locator('[data-state="reported"]').innerText()).toContain('初始');
    expect(await admin.locator('[data-state="closed"]').innerText()).toContain('终态');
    await admin.getByTestId('wf-no-problems').waitFor();
    await shot(admin, 'workflow-graph');
    // A transition selected on the graph opens in the panel with its roles. The click goes to the
    // edge's label itself: at this zoom other edges' wide hit areas cross it.
    await admin.locator('[data-testid="rf__edge-reject:reported"] .react-flow__edge-textwrapper').dispatchEvent('click');
    const panel = admin.locator('[data-panel="transition"]');
    await panel.waitFor();
    expect(await panel.innerText()).toContain('reject');
    expect(await panel.getByLabel('指挥调度中心调度员').isChecked()).toBe(true);
    await shot(admin, 'workflow-transition-panel');
    // A new state with no transitions is flagged as you edit; saved to the draft, the server's check names it too.
    await admin.getByRole('button', { name: '添加状态' }).click();
    const add = admin.locator('[data-panel="add-state"]');
    await add.getByLabel('标识（key）').fill('verify');
    await add.getByLabel('名称（中文）').fill('核查');
    await add.getByRole('button', { name: /添\s*加/ }).click();
    expect(await admin.locator('[data-state="verify"]').getAttribute('data-problem')).toBe('unreachable');
    await admin.getByRole('button', { name: /保存到草稿/ }).click();
    const problems = admin.getByTestId('wf-problems');
    await problems.getByText('状态 "verify" 无法从初始状态到达').waitFor();
    expect(await problems.innerText()).toContain('服务器检查');
    await shot(admin, 'workflow-server-check');
    // Dragged with the mouse, a state keeps its place: the drop saves its position into the draft,
    // and the graph opens with it again after a reload.
    const savedLayout = async () => (await call(admin, 'studio.file', { path: 'workflows/case-workflow.json' }, 'GET')).body.result.data.content.layout?.positions ?? {};
    const node = admin.locator('.react-flow__node[data-id="verify"]');
    const box = (await node.boundingBox())!;
    await admin.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await admin.mouse.down();
    await admin.mouse.move(box.x + box.width / 2 + 90, box.y + box.height / 2 + 60, { steps: 10 });
    await admin.mouse.up();
    await expect.poll(async () => (await savedLayout()).verify, { timeout: 20_000 }).toBeTruthy();
    const dropped = (await savedLayout()).verify as { x: number; y: number };
    const transformOf = (key: string) => admin.locator(`.react-flow__node[data-id="${key}"]`).evaluate((el) => (el as HTMLElement).style.transform);
    expect(await transformOf('verify')).toBe(`translate(${dropped.x}px, ${dropped.y}px)`);
    await admin.reload();
    await ready(admin, 60_000);
    await admin.locator('.react-flow__node[data-id="verify"]').waitFor();
    expect(await transformOf('verify')).toBe(`translate(${dropped.x}px, ${dropped.y}px)`);
    // Auto layout re-arranges every state and saves them all.
    await admin.getByRole('button', { name: '自动排列' }).click();
    await expect.poll(async () => Object.keys(await savedLayout()).length, { timeout: 20_000 }).toBe(def.states.length + 1);
    expect((await savedLayout()).verify).not.toEqual(dropped);
    // Back to the published workflow: the draft is discarded.
    expect((await call(admin, 'studio.discardDraft', undefined)).status).toBe(200);
  }, 180_000);

  it('the admin opens roles and views as the grid worker, who sees only his own grid’s cases', async () => {
    // One case in the grid worker's grid, one in the neighbouring grid.
    for (const [title, location] of [['e2e 本网格路灯不亮', IN_GRID], ['e2e 邻网格井盖缺失', OTHER_GRID]] as const) {
      const res = await call(admin, 'case.report', { entity: 'incidentCase', data: { title, category: 'urban.environment', location } });
      expect(res.status).toBe(200);
    }
    const users = (await call(admin, 'user.list', { search: 'gridworker' }, 'GET')).body.result.data as { username: string; assignments: { unitId: string }[] }[];
    const worker = users.find((u) => u.username === 'gridworker')!;
    const grid = worker.assignments[0].unitId;
    await admin.goto(`${server.base}/studio/roles`);
    await ready(admin, 60_000);
    await admin.locator('[data-permission="caseReadMyGrid"]').waitFor();
    expect(await admin.getByLabel('网格员 · caseReadMyGrid').isChecked()).toBe(true);
    expect(await admin.getByLabel('网格员 · caseReadAll').isChecked()).toBe(false);
    await shot(admin, 'roles-grid');
    const picker = admin.getByLabel('用户', { exact: true });
    await picker.click();
    await picker.fill('gridworker');
    await admin.locator('.ant-select-item-option', { hasText: '(gridworker)' }).first().click();
    const sample = admin.getByTestId('view-as-sample');
    await sample.waitFor();
    const result = await admin.getByTestId('view-as-result').innerText();
    expect(result).toContain('网格员 @');
    const units = await sample.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
    expect(units.length).toBeGreaterThan(0);
    expect(new Set(units)).toEqual(new Set([grid]));
    expect(await sample.innerText()).not.toContain('e2e 邻网格井盖缺失');
    await admin.getByTestId('view-as-result').scrollIntoViewIfNeeded();
    await shot(admin, 'roles-view-as-grid-worker');
  });

  it('the admin dry-runs a CSV of units: one bad row is shown with its reason, nothing is written', async () => {
    await admin.goto(`${server.base}/studio/org`);
    await ready(admin, 60_000);
    await admin.getByRole('tab', { name: '导入' }).click();
    const csv = ['编号,名称,层级,类型,上级编号', 'xg-hs-c90,测试社区甲,community,area,xg-hs', 'xg-hs-c91,测试社区乙,community,area,xg-nowhere', 'xg-hs-c92,测试社区丙,community,area,xg-hs'].join('\n');
    await admin.getByLabel('选择文件（CSV 或 GeoJSON）').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByRole('button', { name: '上传并试运行' }).click();
    const report = admin.locator('[data-testid="import-report"][data-state="done"]');
    await report.waitFor({ timeout: 30_000 });
    const rejections = admin.getByTestId('import-rejections');
    const row = rejections.locator('tbody tr.ant-table-row');
    expect(await row.count()).toBe(1);
    const text = await row.innerText();
    expect(text).toContain('xg-hs-c91');
    expect(text).toContain('上级单元 "xg-nowhere" 不存在');
    expect(await report.innerText()).toMatch(/通过\s*2/);
    expect(await admin.getByRole('button', { name: '应用到草稿' }).isDisabled()).toBe(true);
    await shot(admin, 'org-import-dry-run');
    // A dry run writes nothing into the draft.
    const units = (await call(admin, 'studio.file', { path: 'org/units.json' }, 'GET')).body.result.data;
    expect(units.inDraft).toBe(false);
    await admin.getByRole('tab', { name: '网格地图' }).click();
    const canvas = admin.getByTestId('grid-map').locator('canvas').first();
    await canvas.waitFor();
    // Click → the grid under the pointer, with its details.
    const box = (await canvas.boundingBox())!;
    await admin.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const info = admin.getByTestId('grid-info');
    await info.waitFor();
    expect(await info.innerText()).toMatch(/xg-[a-z0-9-]+-g\d+/);
    await shot(admin, 'org-grid-map');
  });

  it('the admin switches a plugin on and then off again in the draft', async () => {
    await admin.goto(`${server.base}/studio/plugins`);
    await ready(admin, 60_000);
    const card = admin.locator('[data-plugin="bell-check-in"]');
    await card.waitFor();
    const toggle = card.getByRole('switch');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await card.getByText('已启用', { exact: true }).waitFor();
    await toggle.click();
    await card.getByText('未启用', { exact: true }).waitFor();
    await expect.poll(async () => (await call(admin, 'studio.file', { path: 'district.json' }, 'GET')).body.result.data.content.plugins['bell-check-in']).toMatchObject({ enabled: false });
    await shot(admin, 'plugins-disabled');
  });

  it('a grid worker cannot open the studio’s roles page nor call its procedures', async () => {
    const worker = await signIn(workerCtx, server.base, 'gridworker');
    const res = await worker.goto(`${server.base}/studio/roles`);
    expect(res?.status()).toBeLessThan(500);
    await worker.getByText('您无权查看此内容（403）').waitFor();
    expect(await worker.locator('[data-permission]').count()).toBe(0);
    await shot(worker, 'worker-roles-denied');
    const denied = await call(worker, 'studio.viewAs', { userId: 'anyone' }, 'GET');
    expect(denied.status).toBe(403);
    const upload = await worker.evaluate(async () => (await fetch('/api/studio/org-import?kind=units&format=csv&dryRun=1', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'id\nx' })).status);
    expect(upload).toBe(403);
  });
});
