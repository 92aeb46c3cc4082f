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
    // The demo cases span the last 30 days: a 31-day window shows them all.
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
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
});
