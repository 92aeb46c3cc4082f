import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaffoldPlugin, writePluginRegistry } from './plugin-scaffold';

describe('plugin scaffold', () => {
  const root = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-scaffold-'));
    mkdirSync(path.join(dir, 'plugins'));
    return dir;
  };

  it('creates a plugin with a test and registers it', () => {
    const dir = root();
    expect(scaffoldPlugin(dir, 'noise-watch')).toEqual(['plugins/noise-watch/index.ts', 'plugins/noise-watch/settings.schema.json', 'plugins/noise-watch/noise-watch.test.ts']);
    scaffoldPlugin(dir, 'alpha');
    const registry = readFileSync(path.join(dir, 'plugins', 'index.ts'), 'utf8');
    expect(registry).toContain("import noiseWatch from './noise-watch';");
    expect(registry).toContain('export const installedPlugins = [alpha, noiseWatch];');
    expect(readFileSync(path.join(dir, 'plugins', 'noise-watch', 'index.ts'), 'utf8')).toContain("name: 'noise-watch'");
  });

  it('refuses bad names and existing folders, writing nothing', () => {
    const dir = root();
    expect(() => scaffoldPlugin(dir, 'Noise_Watch')).toThrow(/kebab-case/);
    expect(existsSync(path.join(dir, 'plugins', 'Noise_Watch'))).toBe(false);
    scaffoldPlugin(dir, 'once');
    expect(() => scaffoldPlugin(dir, 'once')).toThrow(/already exists/);
    expect(writePluginRegistry(dir)).toEqual(['once']);
  });
});
