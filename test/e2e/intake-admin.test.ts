import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServers } from '../demo-servers';
import { dialects } from '../test-database';
import { launchBrowser, mutate, ready, runCli, signIn, type WebServer } from '../web-app';

/**
 * Intake in the browser, against the production build and the real server: the dispatcher accepts
 * the classifier's category with one click, an admin inspects a dead letter and replays it, and
 * the dispatcher's queue shows a case another session reports, without reloading.
 */
const SHOTS = path.resolve('test-results');
const IN_GRID = { lng: 112.4064, lat: 34.691 };

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
const servers = demoServers(dialects().map((dialect) => ({ dialect })));

describe.each(dialects())('intake admin and dispatcher pages on %s', (dialect) => {
  let server: WebServer;
  let browser: Browser;
  let dispatcherCtx: BrowserContext;
  let adminCtx: BrowserContext;
  let reporterCtx: BrowserContext;
  let dispatcher: Page;
  let step = 0;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `intake-${dialect}-${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await servers.take(dialect);
    // A fresh demo database has no closed cases: the classifier learns from generated reports.
    expect(runCli(server, ['classifier', 'train', '--synthetic', '400'])).toMatch(/accuracy|准确率/);
    browser = await launchBrowser();
    dispatcherCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    reporterCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    dispatcher = await signIn(dispatcherCtx, server.base, 'dispatcher');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the dispatcher sees the suggested category with its confidence and department, and accepts it with one click', async () => {
    await ready(dispatcher);
    const res = await mutate(dispatcher, 'case.report', { entity: 'incidentCase', data: { title: '水管爆裂，楼道渗水漏水，已经停水', category: 'urban.environment', location: IN_GRID } });
    expect(res.status).toBe(200);
    const id = res.body.result.data.id as string;
    await dispatcher.goto(`${server.base}/entities/incidentCase/${id}`);
    await ready(dispatcher);
    const suggestion = dispatcher.locator('section[data-suggested-category]');
    await suggestion.waitFor();
    expect(await suggestion.getAttribute('data-suggested-category')).toBe('utilities.water');
    const text = await suggestion.innerText();
    expect(text).toContain('供水管网');
    expect(text).toMatch(/置信度 \d+%/);
    expect(text).toContain('建议处理部门');
    const fields = dispatcher.locator('dl.gw-fieldlist').first();
    expect(await fields.innerText()).toContain('市容环境');
    await shot(dispatcher, 'suggestion');

    await suggestion.getByRole('button', { name: /采\s*纳/ }).click();
    await suggestion.waitFor({ state: 'detached' });
    await dispatcher.locator('dl.gw-fieldlist', { hasText: '供水管网' }).first().waitFor();
    expect(await fields.innerText()).not.toContain('市容环境');
    await dispatcher.locator('[data-event="recategorised"]', { hasText: '市容环境 → 供水管网' }).waitFor();
    expect(await dispatcher.locator('[data-departments]').getAttribute('data-departments')).toBe('xg-dept-water');
    await shot(dispatcher, 'accepted');
    // The page was re-rendered from the server, not patched in the browser: a reload agrees.
    await dispatcher.reload();
    await ready(dispatcher);
    expect(await dispatcher.locator('dl.gw-fieldlist').first().innerText()).toContain('供水管网');
    expect(await dispatcher.locator('section[data-suggested-category]').count()).toBe(0);
  });

  it('an admin finds a dead letter from a channel post, sees its payload and field errors, and replays it', async () => {
    const key = runCli(server, ['channel', 'key', 'hotline12345']).trim().split('\n').pop()!;
    const post = await fetch(`${server.base}/api/channels/hotline12345/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': 'e2e-dead-1' },
      // The 12345 system renamed "title" to "subject": the mapping finds no title.
      body: JSON.stringify({ subject: '中州路井盖缺失', content: '井盖丢失，行人易跌落', type: '市容', acceptTime: '2026-09-05 10:00:00', gps: { lng: 112.43, lat: 34.67 } }),
    });
    expect(post.status).toBe(400);
    const { deadLetterId } = await post.json();
    expect(deadLetterId).toBeTruthy();

    // The dispatcher has no configure right: no menu entry, and the page refuses.
    expect(await dispatcher.locator('nav a', { hasText: '死信队列' }).count()).toBe(0);
    await dispatcher.goto(`${server.base}/intake/dead-letters`);
    await dispatcher.getByText('403').first().waitFor();

    const admin = await signIn(adminCtx, server.base, 'districtadmin');
    await ready(admin);
    await admin.locator('nav a', { hasText: '死信队列' }).click();
    await admin.waitForURL('**/intake/dead-letters');
    await admin.getByLabel('渠道').selectOption('hotline12345');
    await admin.getByLabel('状态').selectOption('open');
    await Promise.all([admin.waitForURL('**/intake/dead-letters?*'), admin.getByRole('button', { name: '筛选' }).click()]);
    const row = admin.locator(`tr[data-letter-id="${deadLetterId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('12345热线');
    expect(await row.innerText()).toContain('/title');
    await shot(admin, 'dead-letters');

    await row.getByRole('link').click();
    await admin.waitForURL(`**/intake/dead-letters/${deadLetterId}`);
    await ready(admin);
    expect(await admin.locator('pre').innerText()).toContain('中州路井盖缺失');
    expect(await admin.locator('tr[data-issue-path="/title"]').count()).toBe(1);
    const attempts = Number(await admin.locator('[data-letter-attempts]').innerText());
    expect(attempts).toBeGreaterThanOrEqual(1);

    // Replayed through the unchanged mapping: the same field error again, the letter stays open.
    await admin.getByRole('button', { name: /重\s*放/ }).click();
    const outcome = admin.locator('[data-replay-outcome="failed"]');
    await outcome.waitFor();
    expect(await outcome.getByRole('alert').innerText()).toContain('/title');
    await admin.locator(`[data-letter-attempts="${attempts + 1}"]`).waitFor();
    expect(await admin.locator('[data-letter-status]').getAttribute('data-letter-status')).toBe('open');
    await shot(admin, 'dead-letter-replayed');

    await admin.locator('nav a', { hasText: '回传队列' }).click();
    await admin.waitForURL('**/intake/outbox');
    await admin.getByRole('heading', { name: '回传队列' }).waitFor();
    expect(await admin.getByLabel('状态').count()).toBe(1);
  });

  it("the dispatcher's queue shows a case reported in another session without a reload, with an 'N new' marker", async () => {
    await dispatcher.goto(`${server.base}/queue`);
    await ready(dispatcher);
    await dispatcher.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const reporter = await signIn(reporterCtx, server.base, 'gridworker');
    await ready(reporter);
    const title = `实时队列测试 ${Date.now()}`;
    const res = await mutate(reporter, 'case.report', { entity: 'incidentCase', data: { title, category: 'urban.environment', location: IN_GRID } });
    expect(res.status).toBe(200);
    const id = res.body.result.data.id as string;
    await dispatcher.locator(`tr[data-record-id="${id}"]`, { hasText: title }).waitFor({ timeout: 20_000 });
    expect(await dispatcher.locator('.gw-new-cases').innerText()).toMatch(/^[1-9]\d* 件新事件$/);
    expect(await dispatcher.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await shot(dispatcher, 'queue-live');
    await dispatcher.locator('.gw-new-cases').click();
    expect(await dispatcher.locator('.gw-new-cases').count()).toBe(0);
  });
});
