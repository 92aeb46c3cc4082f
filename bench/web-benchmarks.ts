import { gzipSync } from 'node:zlib';
import { buildWebApp, launchBrowser, PHONE, signIn, startWebServer } from '../test/web-app';
import { percentile, round, type Benchmark, type BenchResult } from './harness';

const DIST = '.next-bench';
const RUNS = 7;

/**
 * The grid worker's task page on the production build over loopback: first load in a fresh
 * browser context (no cache; signed in) until the load event, and the JavaScript the route ships,
 * gzipped as a server would send it.
 */
export const webTaskPage: Benchmark = {
  name: 'web: grid worker task page',
  description: `production build, Chromium at 360×740, ${RUNS} cold loads of /tasks (median load event) and its JS gzipped`,
  async run(): Promise<BenchResult[]> {
    buildWebApp(DIST);
    const server = await startWebServer({ distDir: DIST });
    const browser = await launchBrowser();
    try {
      const login = await browser.newContext(PHONE);
      await signIn(login, server.base, 'gridworker');
      const state = await login.storageState();
      await login.close();
      const loads: number[] = [];
      let jsBytes = 0;
      let jsFiles = 0;
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ ...PHONE, storageState: state });
        const page = await context.newPage();
        const scripts: Promise<Buffer>[] = [];
        if (i === 0) page.on('response', (r) => r.request().resourceType() === 'script' && scripts.push(r.body()));
        await page.goto(`${server.base}/tasks`, { waitUntil: 'load' });
        const ms = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return nav.loadEventEnd - nav.startTime;
        });
        if (!page.url().endsWith('/tasks')) throw new Error(`expected the task page, got ${page.url()}`);
        // The first load warms the server's caches (compiled route, runtime); it is not counted.
        if (i > 0) loads.push(ms);
        if (i === 0) {
          const bodies = await Promise.all(scripts);
          jsFiles = bodies.length;
          jsBytes = bodies.reduce((n, b) => n + gzipSync(b, { level: 6 }).length, 0);
        }
        await context.close();
      }
      const median = percentile(loads, 50);
      const kb = jsBytes / 1024;
      return [
        { name: 'task page first load (median)', value: round(median), unit: 'ms', target: '< 1500 ms', ok: median < 1500, note: `p95 ${round(percentile(loads, 95))} ms over ${loads.length} cold contexts` },
        { name: 'task page JS (gzipped)', value: round(kb), unit: 'KB', target: '< 250 KB', ok: kb < 250, note: `${jsFiles} script files` },
      ];
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
