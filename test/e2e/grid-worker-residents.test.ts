import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServers } from '../demo-servers';
import { dialects } from '../test-database';
import { launchBrowser, PHONE, ready, signIn, type WebServer } from '../web-app';

/**
 * The grid register on a 360 px phone, in headless Chromium against the production build and the
 * real server with the Xigong demo: the grid worker opens 我的网格 → 居民 and sees his own grid's
 * residents only, as readable cards; another grid's resident by URL is refused; the command centre
 * sees residents without their personal data.
 */
const SHOTS = path.resolve('test-results');
const MY_GRID = '红山社区第一网格';

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
const servers = demoServers(dialects().map((dialect) => ({ dialect })));

/** A tRPC query from inside the page, with its session. */
async function query(page: Page, procedure: string, input: unknown): Promise<any> {
  return page.evaluate(
    async ({ procedure, input }) => {
      const res = await fetch(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
      return (await res.json()).result?.data;
    },
    { procedure, input },
  );
}

describe.each(dialects())('grid worker residents on %s', (dialect) => {
  let server: WebServer;
  let browser: Browser;
  let workerCtx: BrowserContext;
  let worker: Page;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `e2e-register-${dialect}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await servers.take(dialect);
    browser = await launchBrowser();
    workerCtx = await browser.newContext(PHONE);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('我的网格 on the tasks page leads to his grid\'s residents, and only those, readable at 360 px', async () => {
    worker = await signIn(workerCtx, server.base, 'gridworker');
    await worker.waitForURL('**/tasks');
    await ready(worker);
    const section = worker.locator('section[aria-labelledby="my-grid-title"]');
    await section.getByRole('heading', { name: '我的网格' }).waitFor();
    expect(await section.innerText()).toContain(MY_GRID);
    // The register is in the phone menu too.
    expect(await worker.locator('nav.gw-nav a', { hasText: '居民' }).count()).toBe(1);
    await shot(worker, '01-tasks-my-grid');
    await Promise.all([worker.waitForURL('**/entities/resident'), section.getByRole('link', { name: /居民/ }).click()]);
    await ready(worker);
    const rows = worker.locator('table.gw-table tbody tr[data-record-id]');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const text = await rows.nth(i).innerText();
      expect(text).toContain(MY_GRID);
      // He keeps the register: names in full, not masked.
      expect(text).not.toMatch(/\*\*/);
    }
    // What the page shows is what the server scopes: every resident he may read, all in his grid.
    const listed = await query(worker, 'entity.list', { entity: 'resident', limit: 200 });
    expect(listed.items.length).toBe(count);
    // Usable on the phone: no sideways scrolling, rows as cards with labelled values, big touch targets.
    expect(await worker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const firstRow = await rows.first().boundingBox();
    expect(firstRow!.width).toBeLessThanOrEqual(360);
    const link = await rows.first().locator('td').first().locator('a').boundingBox();
    expect(link!.height).toBeGreaterThanOrEqual(44);
    expect(await rows.first().locator('td[data-label="楼栋"]').count()).toBe(1);
    await shot(worker, '02-residents');
    await rows.first().locator('a').first().click();
    await worker.waitForURL(/\/entities\/resident\/[0-9A-Z]{26}$/);
    await ready(worker);
    expect(await worker.locator('main#main').innerText()).toContain('身份证号');
    await shot(worker, '03-resident-detail');
  });

  it('another grid\'s resident by URL is refused (403); the command centre sees no ID numbers', async () => {
    const otherCtx = await browser.newContext(PHONE);
    const other = await signIn(otherCtx, server.base, 'gridworker2');
    const theirs = await query(other, 'entity.list', { entity: 'resident', limit: 1 });
    const id = theirs.items[0].id as string;
    const { name, idNumber, phone } = theirs.items[0].data as Record<string, string>;
    expect(idNumber).toMatch(/^[0-9]{17}[0-9X]$/);
    expect(theirs.items[0].orgUnitId).not.toBe('xg-hs-c01-g01');
    await otherCtx.close();
    await worker.goto(`${server.base}/entities/resident/${id}`);
    await ready(worker);
    await worker.getByText('403').first().waitFor();
    expect(await worker.locator('main#main').innerText()).not.toContain(name);
    await shot(worker, '04-other-grid-403');

    const dispatcherCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const dispatcher = await signIn(dispatcherCtx, server.base, 'dispatcher');
    await dispatcher.goto(`${server.base}/entities/resident/${id}`);
    await ready(dispatcher);
    const text = await dispatcher.locator('main#main').innerText();
    // The record is there (building, household), its personal data is not.
    expect(text).toContain(String(theirs.items[0].data.household));
    for (const secret of [name, idNumber, phone]) expect(text).not.toContain(secret);
    await dispatcherCtx.close();
  });
});
