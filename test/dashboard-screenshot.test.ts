import { mkdirSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureWebBuild, launchBrowser, startWebServer, type WebServer } from './web-app';

/**
 * The dashboard in Chromium with the demo district's data, both layouts, saved as screenshots in
 * test-results/; served from the run's shared production build on SQLite.
 */
describe('the command-centre dashboard in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    server = await startWebServer({ distDir: await ensureWebBuild(inject('runId')) });
    base = server.base;
    browser = await launchBrowser();
  }, 1_500_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows figures, charts and the grid map for the dispatcher, normal and big screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${base}/login`);
    await page.fill('#username', 'dispatcher');
    await page.fill('#password', 'Gridwork@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // The demo cases are created now: a 31-day window ending today shows them. Days are Xigong's
    // (Asia/Shanghai), not UTC's: from 16:00 UTC Shanghai is already on the next day.
    const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t);
    const to = shanghaiDay(Date.now());
    const from = shanghaiDay(Date.now() - 30 * 86_400_000);
    mkdirSync('test-results', { recursive: true });
    for (const layout of ['normal', 'screen']) {
      await page.goto(`${base}/dashboard?from=${from}&to=${to}&layout=${layout}`);
      await page.waitForSelector('[data-testid^="kpi-"]');
      await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 5, undefined, { timeout: 30_000 });
      await page.waitForTimeout(1500); // chart animations
      const total = await page.locator('[data-testid^="kpi-"] .ant-statistic-content-value').nth(1).innerText();
      expect(Number(total.replace(/,/g, ''))).toBeGreaterThan(0);
      const file = `test-results/dashboard-${layout}.png`;
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(50_000);
    }
    // A figure drills down to its cases.
    await page.goto(`${base}/dashboard?from=${from}&to=${to}`);
    await page.locator('[data-testid^="kpi-"]').nth(1).click();
    await page.waitForURL(/\/dashboard\/cases\?drill=/);
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
  }, 120_000);

  it('the grid map zooms from its buttons, the keyboard and the wheel', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/login`);
    await page.fill('#username', 'dispatcher');
    await page.fill('#password', 'Gridwork@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // The grid map zooms from its buttons and, focused, from the keyboard (the same roam as the wheel).
    await page.goto(`${base}/dashboard`);
    const map = page.locator('.gw-chart-map');
    await map.locator('canvas').first().waitFor();
    await page.waitForTimeout(1000);
    expect(Number(await map.getAttribute('data-zoom'))).toBe(1);
    await map.getByRole('button', { name: '放大地图' }).click();
    await page.waitForFunction(() => Number(document.querySelector('.gw-chart-map')!.getAttribute('data-zoom')) > 1.4);
    await map.focus();
    await page.keyboard.press('+');
    await page.waitForFunction(() => Number(document.querySelector('.gw-chart-map')!.getAttribute('data-zoom')) > 2.2);
    await page.keyboard.press('-');
    await map.getByRole('button', { name: '缩小地图' }).click();
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('.gw-chart-map')!.getAttribute('data-zoom')) - 1) < 0.01);
    await page.mouse.move(...(await map.boundingBox().then((b) => [b!.x + b!.width / 2, b!.y + b!.height / 2] as const)));
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(() => Number(document.querySelector('.gw-chart-map')!.getAttribute('data-zoom')) > 1);
  }, 120_000);
});
