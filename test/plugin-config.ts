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

/** Zhengzhou's config cut down to Linshanzhai's grids (the city's 28k grids are not needed here). */
export function linshanzhaiOnly(): string {
  const STREET = 'zz-zy-01';
  const dir = districtWithPlugins('zhengzhou', {});
  const gridsFile = path.join(dir, 'org/grids.geojson');
  const grids = JSON.parse(readFileSync(gridsFile, 'utf8'));
  grids.features = grids.features.filter((f: any) => f.properties.id.startsWith(STREET));
  writeFileSync(gridsFile, JSON.stringify(grids));
  const unitsFile = path.join(dir, 'org/units.json');
  const known = new Set<string>(grids.features.map((f: any) => f.properties.id));
  let units = JSON.parse(readFileSync(unitsFile, 'utf8')) as { id: string; parent?: string }[];
  for (const u of units) known.add(u.id);
  // Drop units hanging under grids that were cut, until every parent is known.
  for (let before = -1; before !== units.length; ) {
    before = units.length;
    units = units.filter((u) => !u.parent || known.has(u.parent));
    known.clear();
    for (const f of grids.features) known.add(f.properties.id);
    for (const u of units) known.add(u.id);
  }
  writeFileSync(unitsFile, JSON.stringify(units));
  return dir;
}
