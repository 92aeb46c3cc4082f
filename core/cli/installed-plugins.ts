import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from '../plugin-sdk';
import { repoRoot } from '../runtime/paths';

/**
 * The installed plugins, read from the registry file plugins/index.ts at run time: core never
 * imports plugins/ statically (layering), the registry's location is the contract.
 */
export async function loadInstalledPlugins(): Promise<PluginDefinition<any>[]> {
  const file = path.join(repoRoot(), 'plugins', 'index.ts');
  if (!existsSync(file)) return [];
  const mod = (await import(pathToFileURL(file).href)) as { installedPlugins?: PluginDefinition<any>[] };
  return mod.installedPlugins ?? [];
}
