import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The production web app for browser tests and benchmarks: one build into a folder of its own,
 * served by the real server (`gridwork serve --demo`), driven by headless Chromium.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', 'core/cli/main.ts'];
export const DEMO_PASSWORD = 'Gridwork@2026';

/** `next build web` into web/<distDir>; throws with the build's output when it fails. */
export function buildWebApp(distDir: string): void {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build', 'web'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GRIDWORK_NEXT_DIST: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`next build failed:\n${res.stdout}\n${res.stderr}`);
}

/** The build the test files of one run share (gitignored with the other web/.next-* folders). */
export const TEST_DIST = '.next-test';

/**
 * Builds the web app once per test run, however many test files need it: the first file to take
 * the lock builds, the others wait for its marker. `runId` comes from the global setup, so a build
 * left by an earlier run (of older sources) is never trusted. E2E_REUSE_BUILD=1 skips the build
 * while iterating on a browser test (never in CI).
 */
export async function ensureWebBuild(runId: string): Promise<string> {
  if (process.env.E2E_REUSE_BUILD) return TEST_DIST;
  const marker = path.join(ROOT, 'web', `${TEST_DIST}.built`);
  const lock = path.join(ROOT, 'web', `${TEST_DIST}.lock`);
  const owner = path.join(lock, 'owner');
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  const until = Date.now() + 20 * 60_000;
  while (read(marker) !== runId) {
    if (Date.now() > until) throw new Error('gave up waiting for the shared web build');
    try {
      mkdirSync(lock);
    } catch {
      const holder = read(owner);
      // A lock of an earlier run was left by a killed process: take it over.
      if (holder && holder !== runId) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    try {
      writeFileSync(owner, runId);
      buildWebApp(TEST_DIST);
      writeFileSync(marker, runId);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return TEST_DIST;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface WebServer {
  base: string;
  /** The server's DISTRICT, DATA_DIR and DATABASE_URL: CLI commands run with it reach its database. */
  env: Record<string, string>;
  output(): string;
  stop(): Promise<void>;
}

/** Serves the built app with a district's demo (accounts + cases; Xigong unless named) on a fresh database. */
export async function startWebServer(options: { distDir: string; databaseUrl?: string; timeoutMs?: number; district?: string }): Promise<WebServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const env = { DISTRICT: options.district ?? 'xigong', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gw-web-')), DATABASE_URL: options.databaseUrl ?? '' };
  const child: ChildProcess = spawn(process.execPath, [...CLI, 'serve', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      ...env,
      GRIDWORK_NEXT_DIST: options.distDir,
      GRIDWORK_URL: base,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const until = Date.now() + (options.timeoutMs ?? 240_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > until) {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    env,
    output: () => output,
    async stop() {
      if (child.pid && child.exitCode === null) {
        process.kill(-child.pid, 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** Runs `gridwork <args>` against a running server's database; returns stdout, throws with the output on failure. */
export function runCli(server: WebServer, args: string[]): string {
  const res = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...server.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (res.status !== 0) throw new Error(`gridwork ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Signs in through the real sign-in page and waits for the landing page. */
export async function signIn(context: BrowserContext, base: string, username: string): Promise<Page> {
  // Generous: browser files share two cores with a server, Chromium and the rest of the suite.
  context.setDefaultTimeout(40_000);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.getByRole('button', { name: /登\s*录|Sign in/ }).click()]);
  return page;
}

/** Waits until the page is hydrated (the shell marks it), so clicks reach React handlers. */
export async function ready(page: Page, timeout?: number): Promise<void> {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout });
}

/** A tRPC mutation from inside the page, with the page's own session cookie. */
export async function mutate(page: Page, procedure: string, input: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ procedure, input }) => {
      const res = await fetch(`/api/trpc/${procedure}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return { status: res.status, body: await res.json() };
    },
    { procedure, input },
  );
}

/** The session cookie header of a signed-in context, for posting to the API directly. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}
