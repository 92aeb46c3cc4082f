import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx', 'configs/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/.next/**', 'web/.next-*/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Published with extension-less ESM imports that only bundlers resolve: let Vite transform it.
    server: { deps: { inline: ['codemirror-json-schema'] } },
  },
});
