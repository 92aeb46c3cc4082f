import { defineConfig } from 'vitest/config';

/**
 * Files that drive the built web app (a server per file, headless Chromium). They run one at a
 * time after the rest: each already keeps a server, a browser and PostgreSQL busy, and two at once
 * on a 2-core machine only trade speed for timeouts.
 */
const BROWSER = ['test/e2e/**/*.test.ts', 'test/dashboard-screenshot.test.ts', 'test/web-server.test.ts'];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'web/.next/**', 'web/.next-*/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Published with extension-less ESM imports that only bundlers resolve: let Vite transform it.
    server: { deps: { inline: ['codemirror-json-schema'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx', 'configs/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'web/.next/**', 'web/.next-*/**', ...BROWSER],
          // Most of these wait on SQLite, PostgreSQL or a child process as much as they compute.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
