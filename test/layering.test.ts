import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('layering', () => {
  it('core imports neither React, Next.js, the web app nor plugins', () => {
    const offenders = files('core').filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /from ['"](react|react-dom|next|next\/[^'"]*|@casl\/react)['"]/.test(text) || /from ['"](\.\.\/)+(web|plugins)\//.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it('plugins reach core only through the plugin SDK', () => {
    const offenders = files('plugins').filter((f) => {
      const text = readFileSync(f, 'utf8');
      return [...text.matchAll(/from ['"]((?:\.\.\/)+core\/[^'"]*)['"]/g)].some((m) => !/core\/plugin-sdk$/.test(m[1]));
    });
    expect(offenders).toEqual([]);
  });
});
