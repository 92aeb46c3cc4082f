import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServers } from '../demo-servers';
import { dialects } from '../test-database';
import { launchBrowser, mutate, ready, signIn, type WebServer } from '../web-app';

/**
 * The risk plugins' pages end to end, in headless Chromium against the production build and the
 * real server: Zhongzhan's risk analyst holds a meeting and issues a 风险提醒单 from a decision,
 * which the notices list then shows; in Zhengzhou (网格联盟131) a community secretary opens a
 * deliberation and a resident votes on it.
 */
const SHOTS = path.resolve('test-results');
const TZ = 'Asia/Shanghai';

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
const servers = demoServers(dialects().flatMap((dialect) => [{ dialect, district: 'zhongzhan' }, { dialect, district: 'zhengzhou', timeoutMs: 400_000 }]));

/** A datetime-local value `days` from now, in the browser's (the district's) time zone. */
function localInput(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d).replace(' ', 'T');
}

describe.each(dialects())('risk plugin pages on %s', (dialect) => {
  let browser: Browser;
  let step = 0;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `risk-${dialect}-${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe('Zhongzhan: 三会两单 and the hazard board', () => {
    let server: WebServer;

    beforeAll(async () => {
      server = await servers.take(dialect, 'zhongzhan');
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('the risk analyst holds a daily meeting, records a decision issuing a 风险提醒单, and sees it in the notices list', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: TZ });
      const analyst = await signIn(context, server.base, 'riskanalyst');
      await analyst.getByRole('link', { name: '三会' }).first().click();
      await analyst.waitForURL('**/p/risk-notices/meetings');
      await ready(analyst);
      await analyst.getByRole('combobox', { name: /^会议类型/ }).selectOption('dailyJointAssessment');
      await analyst.getByLabel('参会人 1').fill('住建局代表');
      await analyst.getByLabel('所属单位 1').selectOption('zz-dept-housing');
      await shot(analyst, 'meetings');
      await Promise.all([analyst.waitForURL('**/p/risk-notices/meetings?id=*'), analyst.getByRole('button', { name: '开会并生成议程' }).click()]);
      await ready(analyst);
      await analyst.getByRole('heading', { name: /日联合研判会商会/ }).waitFor();
      await analyst.getByRole('heading', { name: /议程（\d+ 项）/ }).waitFor();

      await analyst.getByLabel('决定内容').fill('交办住建局牵头化解物业撤场风险');
      await analyst.getByLabel('据此签发风险提醒单').check();
      await analyst.getByLabel('责任单位').selectOption('zz-dept-housing');
      await analyst.getByLabel('提醒事项').fill('物业撤场风险化解');
      // Without a deadline the server refuses the notice, naming the field; nothing is recorded.
      await analyst.getByRole('button', { name: '记录决定并签发提醒单' }).click();
      await analyst.locator('[data-issue="/notice/deadline"]').waitFor();
      expect(await analyst.locator('[data-decisions] li').count()).toBe(0);
      await analyst.getByLabel('办理时限').fill(localInput(3));
      await analyst.getByRole('button', { name: '记录决定并签发提醒单' }).click();
      const issued = analyst.locator('[data-decisions] [data-notice]', { hasText: '物业撤场风险化解' });
      await issued.waitFor({ timeout: 20_000 });
      expect(await issued.innerText()).toContain('办理中');
      await shot(analyst, 'meeting-decision-notice');

      await analyst.getByRole('link', { name: '两单' }).first().click();
      await analyst.waitForURL('**/p/risk-notices/notices');
      const row = analyst.locator('tr[data-notice]', { hasText: '物业撤场风险化解' });
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('open');
      expect(await row.innerText()).toContain('风险提醒单');
      await analyst.getByRole('heading', { name: '两单办理考核' }).waitFor();
      await shot(analyst, 'notices');

      await analyst.goto(`${server.base}/p/hazard-watch/board`);
      await analyst.locator('nav a[data-colour="blue"] [data-count]').waitFor();
      const total = await analyst.locator('nav a[data-colour] [data-count]').allInnerTexts();
      expect(total.reduce((n, c) => n + Number(c), 0)).toBe(42);
      await shot(analyst, 'hazard-board');
      await context.close();
    });
  });

  describe('Zhengzhou: 网格联盟131 协商议事', () => {
    let server: WebServer;

    beforeAll(async () => {
      server = await servers.take(dialect, 'zhengzhou');
    }, 500_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('a community secretary of Linshanzhai opens a deliberation and a resident votes once; the tally waits for the deadline', async () => {
      // The demo accounts sit elsewhere in the city: the city admin adds two in Linshanzhai.
      const adminCtx = await browser.newContext();
      const admin = await signIn(adminCtx, server.base, 'cityadmin');
      for (const [username, role, unitId] of [['e2esecretary', 'communitySecretary', 'zz-zy-01-01'], ['e2eresident', 'resident', 'zz-zy-01-01-01']]) {
        const created = await mutate(admin, 'user.create', { username, name: username, password: 'Gridwork@2026', assignments: [{ role, unitId }] });
        expect(created.status).toBe(200);
      }
      await admin.goto(`${server.base}/p/grid-alliance/alliance`);
      await admin.getByRole('heading', { name: '为民服务清单：6 大类 125 项' }).waitFor();
      expect(await admin.locator('[data-category] summary strong').allInnerTexts()).toEqual(['医疗服务', '楼院共治', '第3类（待区里命名）', '第4类（待区里命名）', '第5类（待区里命名）', '第6类（待区里命名）']);
      await shot(admin, 'alliance-catalogue');
      await adminCtx.close();

      const secretaryCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: TZ });
      const secretary = await signIn(secretaryCtx, server.base, 'e2esecretary');
      await secretary.goto(`${server.base}/p/grid-alliance/deliberations`);
      await ready(secretary);
      await secretary.getByLabel('议题').fill('1号院加装电梯方案');
      await secretary.getByLabel('选项（每行一个）').fill('东侧加装\n西侧加装');
      await secretary.getByLabel('截止时间').fill(localInput(1));
      await Promise.all([secretary.waitForURL('**/p/grid-alliance/deliberations?id=*'), secretary.getByRole('button', { name: '发起议事' }).click()]);
      const url = secretary.url();
      await secretary.getByRole('heading', { name: '1号院加装电梯方案' }).waitFor();
      await shot(secretary, 'deliberation-opened');
      await secretaryCtx.close();

      const residentCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, timezoneId: TZ });
      const resident = await signIn(residentCtx, server.base, 'e2eresident');
      await resident.goto(url);
      await ready(resident);
      await resident.getByText('计票结果在截止后公布').waitFor();
      await resident.getByLabel('东侧加装').check();
      await resident.getByRole('button', { name: '投票' }).click();
      await resident.locator('[data-my-vote]', { hasText: '您已投票：东侧加装' }).waitFor({ timeout: 20_000 });
      await resident.getByText(/已投 1 票/).waitFor();
      expect(await resident.locator('[data-tally]').count()).toBe(0);
      expect(await resident.getByRole('button', { name: '投票' }).count()).toBe(0);
      // A second vote through the API is refused: one vote per person.
      const id = new URL(url).searchParams.get('id');
      const again = await mutate(resident, 'plugins.grid-alliance.vote', { id, option: '西侧加装' });
      expect(again.status).toBe(409);
      await shot(resident, 'deliberation-voted');
      await residentCtx.close();
    });
  });
});
