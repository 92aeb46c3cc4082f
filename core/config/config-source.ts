import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type SourceRead = { ok: true; value: unknown } | { ok: false; missing: true } | { ok: false; missing: false; error: string };

/**
 * Where a district's config files come from: its folder, or a map of parsed files (a stored
 * version, a draft, an import). Paths are relative to the district folder either way, so the
 * same validation runs on both.
 */
export interface ConfigSource {
  dir: string;
  read(rel: string): SourceRead;
  /** How a file is named in issues. */
  display(rel: string): string;
}

export function folderSource(dir: string): ConfigSource {
  return {
    dir,
    read(rel) {
      const file = path.join(dir, rel);
      if (!existsSync(file)) return { ok: false, missing: true };
      try {
        return { ok: true, value: JSON.parse(readFileSync(file, 'utf8')) };
      } catch (e) {
        return { ok: false, missing: false, error: (e as Error).message };
      }
    },
    display: (rel) => path.relative(process.cwd(), path.join(dir, rel)) || rel,
  };
}

export function mapSource(files: Record<string, unknown>, dir: string): ConfigSource {
  return {
    dir,
    read: (rel) => (Object.hasOwn(files, rel) && files[rel] !== undefined ? { ok: true, value: files[rel] } : { ok: false, missing: true }),
    display: (rel) => rel,
  };
}

/** The files a district.json references (itself first), as paths relative to the folder. */
export function configFileSet(district: unknown): string[] {
  const d = (district ?? {}) as { org?: { units?: unknown; grids?: unknown }; entities?: unknown; workflows?: unknown };
  const str = (v: unknown) => (typeof v === 'string' ? [v] : []);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const out = ['district.json', ...str(d.org?.units), ...str(d.org?.grids), ...list(d.entities), ...list(d.workflows)];
  return [...new Set(out)];
}
