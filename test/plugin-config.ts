import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throw-away copy of a district's config folder with `plugins` entries replaced or added, for
 * tests that switch plugins on and off or give them bad settings.
 */
export function districtWithPlugins(district: string, plugins: Record<string, { enabled: boolean; settings?: Record<string, unknown> }>): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gw-plugins-')), district);
  cpSync(path.join('configs', district), dir, { recursive: true });
  const file = path.join(dir, 'district.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.plugins = { ...config.plugins, ...plugins };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return dir;
}
