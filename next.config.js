import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The one Next.js config. Next runs with web/ as its project directory (that is where it looks for
 * app/); web/next.config.js re-exports this file. The app imports core/ from outside web/, so the
 * bundler's root is the repository.
 * @type {import('next').NextConfig}
 */
const config = {
  reactStrictMode: true,
  // The browser tests build into a folder of their own so they never race another build of web/.next.
  distDir: process.env.GRIDWORK_NEXT_DIST || '.next',
  poweredByHeader: false,
  // Native and pooled drivers stay as Node requires, not bundled.
  serverExternalPackages: ['better-sqlite3', 'pg', 'kysely', 'sharp', 'exifr', 'file-type'],
  turbopack: { root },
  outputFileTracingRoot: root,
  typescript: { tsconfigPath: 'tsconfig.json' },
};

export default config;
