import { existsSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The repository root (where configs/ lives). Found from GRIDWORK_ROOT or by walking up from the
 * working directory, so it works from the CLI, from vitest and from the Next.js server alike
 * (bundled code has no reliable __dirname).
 */
export function repoRoot(): string {
  if (cached) return cached;
  if (process.env.GRIDWORK_ROOT) return (cached = path.resolve(process.env.GRIDWORK_ROOT));
  let dir = process.cwd();
  for (;;) {
    if (existsSync(path.join(dir, 'configs', 'schema', 'district.schema.json'))) return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Gridwork root (configs/schema) above ${process.cwd()}; set GRIDWORK_ROOT`);
    dir = parent;
  }
}
