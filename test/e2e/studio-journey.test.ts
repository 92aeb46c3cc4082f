import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServers } from '../demo-servers';
import { dialects } from '../test-database';
import { cookieHeader, launchBrowser, PHONE, ready, signIn, type WebServer } from '../web-app';

/**
 * The admin studio end to end (issue 8), in headless Chromium against the production build: the
 * district admin adds a required "发现时间" datetime field and a conditional section to the incident
 * form, previews it, publishes; a grid worker's report form has the field at once and the server
 * enforces it; a case reported before the publish still opens and renders; a grid worker is
 * refused the studio.
 */
const SHOTS = path.resolve('test-results');
// A point inside 红山社区第一网格 (xg-hs-c01-g01), the demo grid worker's grid.
const IN_GRID = { lng: 112.4064, lat: 34.691 };

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
const servers = demoServers(dialects().map((dialect) => ({ dialect })));

/** Picks an option of an antd select found by its label (inside `scope`), then waits for its list to close. */
async function choose(page: Page, scope: Page | Locator, label: string, option: string) {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = open.locator('.ant-select-item-option', { hasText: option }).first();
  await scope.getByLabel(label, { exact: true }).click();
  if (!(await item.waitFor({ timeout: 8000 }).then(() => true, () => false))) {
    await scope.getByLabel(label, { exact: true }).click();
    await item.waitFor({ timeout: 8000 });
  }
  // Past the list's opening animation, so the click lands on the option.
  await page.waitForTimeout(300);
  await item.click();
  await page.keyboard.press('Escape');
  await expect.poll(() => open.count(), { timeout: 8000 }).toBe(0);
}

/** A tRPC call with a context's session cookie, straight to the server (no page in between). */
async function call(base: string, ctx: BrowserContext, procedure: string, input: unknown, method: 'POST' | 'GET' = 'POST') {
  const url = method === 'GET' ? `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}` : `${base}/api/trpc/${procedure}`;
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', cookie: await cookieHeader(ctx) },
    body: method === 'POST' ? JSON.stringify(input) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe.each(dialects())('studio journey on %s', (dialect) => {
  let server: WebServer;
  let browser: Browser;
  let adminCtx: BrowserContext;
  let workerCtx: BrowserContext;
  let admin: Page;
  let worker: Page;
  let oldCaseId = '';
  let step = 0;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `studio-${dialect}-${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await servers.take(dialect);
    browser = await launchBrowser();
    adminCtx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    workerCtx = await browser.newContext({ ...PHONE, geolocation: { longitude: IN_GRID.lng, latitude: IN_GRID.lat }, permissions: ['geolocation'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a grid worker reports a case before any change (it will be an old record)', async () => {
    worker = await signIn(workerCtx, server.base, 'gridworker');
    const res = await call(server.base, workerCtx, 'case.report', { entity: 'incidentCase', data: { title: '井盖缺失存在安全隐患', category: 'urban.environment', location: IN_GRID } });
    expect(res.status).toBe(200);
    oldCaseId = res.body.result.data.id;
    expect(oldCaseId).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('a grid worker is refused the studio: no menu entry, the 403 page, and the API answers 403', async () => {
    await ready(worker);
    expect(await worker.locator('nav a[href="/studio"]').count()).toBe(0);
    await worker.goto(`${server.base}/studio/entities/incidentCase`);
    await worker.getByText('您无权查看此内容（403）').waitFor();
    expect(await worker.locator('[data-designer]').count()).toBe(0);
    await shot(worker, 'worker-refused');
    const overview = await call(server.base, workerCtx, 'studio.overview', undefined, 'GET');
    expect(overview.status).toBe(403);
    const save = await call(server.base, workerCtx, 'studio.saveFile', { path: 'entities/incident-case.json', content: {} });
    expect(save.status).toBe(403);
  });

  it('the district admin adds a required datetime field "发现时间" and sees it in the live preview', async () => {
    admin = await signIn(adminCtx, server.base, 'districtadmin');
    await ready(admin);
    await Promise.all([admin.waitForURL('**/studio/entities'), admin.locator('nav a[href="/studio"]').click()]);
    await ready(admin);
    await Promise.all([admin.waitForURL('**/studio/entities/incidentCase'), admin.locator('a[href="/studio/entities/incidentCase"]').click()]);
    await ready(admin);
    const preview = admin.locator('[data-preview]');
    await preview.getByLabel(/事件标题/).waitFor();
    expect(await preview.locator('[data-field="discoveredAt"]').count()).toBe(0);

    const add = admin.getByRole('group', { name: '添加字段' });
    await add.getByLabel('中文标签', { exact: true }).fill('发现时间');
    await add.getByLabel('字段名', { exact: true }).fill('discoveredAt');
    await choose(admin, add, '控件', '日期时间');
    await add.getByRole('button', { name: '添加', exact: true }).click();
    const editor = admin.locator('[data-field-editor="discoveredAt"]');
    await editor.waitFor();
    await editor.getByLabel('英文标签', { exact: true }).fill('Discovered at');
    await editor.getByRole('switch', { name: '必填' }).click();
    await preview.locator('[data-field="discoveredAt"]').getByText('发现时间').waitFor();
    expect(await preview.locator('[data-field="discoveredAt"]').innerText()).toContain('*');
    await shot(admin, 'admin-field-added');
  });

  it('adds a conditional section: 伤亡情况 shows in the preview only when 紧急程度 is 特急', async () => {
    const preview = admin.locator('[data-preview]');
    const add = admin.getByRole('group', { name: '添加字段' });
    await add.getByLabel('中文标签', { exact: true }).fill('伤亡情况');
    await add.getByLabel('字段名', { exact: true }).fill('casualties');
    await choose(admin, add, '控件', '多行文本');
    await add.getByRole('button', { name: '添加', exact: true }).click();
    await admin.locator('[data-field-editor="casualties"]').waitFor();

    await admin.getByRole('tab', { name: '分组与条件' }).click();
    await admin.getByRole('button', { name: '添加条件区块' }).click();
    await choose(admin, admin, '条件 1 的字段', '紧急程度');
    await choose(admin, admin, '条件 1 的取值', '特急');
    await choose(admin, admin, '条件 1 显示的字段', '伤亡情况 (casualties)');
    await preview.getByLabel('特急').waitFor();
    expect(await preview.locator('[data-field="casualties"]').count()).toBe(0);
    await preview.getByLabel('特急').check();
    await preview.locator('[data-field="casualties"]').waitFor();
    await shot(admin, 'admin-conditional-preview');

    // The same definition in the JSON view.
    await admin.getByRole('tab', { name: 'JSON' }).click();
    const code = admin.locator('.cm-content');
    await code.waitFor();
    // CodeMirror renders the lines in view only (the JSON's content is checked in the designer's component test).
    await expect.poll(() => code.innerText()).toContain('"name": "incidentCase"');
    expect(await admin.locator('.cm-lint-marker-error').count()).toBe(0);
    await shot(admin, 'admin-json-view');

    await admin.locator('[data-save]').click();
    await admin.getByText('已保存到草稿').first().waitFor();
    await admin.locator('[data-draft-files="1"]').waitFor();
  });

  it('publishes: the diff and the migration (a new column) are shown first, then the version', async () => {
    await admin.goto(`${server.base}/studio/versions`);
    await ready(admin);
    await admin.locator('[data-diff-file="entities/incident-case.json"]').waitFor();
    const migration = admin.locator('[data-migration="incidentCase"]');
    await migration.getByText('discoveredAt').first().waitFor();
    expect(await migration.innerText()).toMatch(/新增列/);
    await admin.getByLabel('说明', { exact: true }).fill('事件增加发现时间');
    await shot(admin, 'admin-versions-diff');
    await admin.locator('[data-publish]').click();
    await admin.getByRole('button', { name: /确\s*定/ }).click();
    await admin.locator('[data-outcome="ok"]').getByText(/已发布版本 \d+/).waitFor();
    await admin.getByText('没有未发布的草稿', { exact: false }).first().waitFor();
    await admin.locator('tr', { hasText: '事件增加发现时间' }).first().waitFor();
    await shot(admin, 'admin-published');
  });

  it("a grid worker's report form shows the new field at once; the server refuses a report without it", async () => {
    await worker.goto(`${server.base}/report`);
    await ready(worker);
    await worker.locator('[data-field="discoveredAt"]').getByText('发现时间').waitFor();
    await shot(worker, 'worker-report-form');

    const without = await call(server.base, workerCtx, 'case.report', { entity: 'incidentCase', data: { title: '路灯损坏夜间无照明', category: 'urban.environment', location: IN_GRID } });
    expect(without.status).toBe(400);
    expect(JSON.stringify(without.body.error.data.issues)).toContain('discoveredAt');

    const withIt = await call(server.base, workerCtx, 'case.report', {
      entity: 'incidentCase',
      data: { title: '路灯损坏夜间无照明', category: 'urban.environment', location: IN_GRID, discoveredAt: '2026-11-23T08:30:00.000Z' },
    });
    expect(withIt.status).toBe(200);
  });

  it('the case reported before the publish still opens and renders, with the version it was written with', async () => {
    await worker.goto(`${server.base}/entities/incidentCase/${oldCaseId}`);
    await ready(worker);
    await worker.getByRole('heading', { name: '井盖缺失存在安全隐患' }).waitFor();
    await worker.locator('[data-schema-version]').waitFor();
    expect(await worker.locator('main').innerText()).toContain('事件类别');
    await shot(worker, 'worker-old-record');
  });

  it('the admin rolls back to version 1 (confirm dialog): the report form no longer asks for 发现时间', async () => {
    await admin.goto(`${server.base}/studio/versions`);
    await ready(admin);
    await admin.locator('[data-rollback="1"]').click();
    const dialog = admin.getByRole('dialog', { name: '回滚到版本 1？' });
    await dialog.waitFor();
    await dialog.getByLabel('说明', { exact: true }).fill('撤回发现时间');
    await shot(admin, 'admin-rollback-confirm');
    await dialog.getByRole('button', { name: '回滚到此版本' }).click();
    await admin.locator('[data-outcome="ok"]').getByText(/已回滚：新版本 \d+（内容同版本 1）/).waitFor();
    await admin.locator('tr', { hasText: '撤回发现时间' }).first().waitFor();
    await worker.goto(`${server.base}/report`);
    await ready(worker);
    await worker.locator('[data-field="title"]').waitFor();
    expect(await worker.locator('[data-field="discoveredAt"]').count()).toBe(0);
    const res = await call(server.base, workerCtx, 'case.report', { entity: 'incidentCase', data: { title: '回滚后上报的事件', category: 'urban.environment', location: IN_GRID } });
    expect(res.status).toBe(200);
  });
});
