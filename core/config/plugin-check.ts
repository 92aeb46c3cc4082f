import type { ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import { ajvIssues, createAjv } from './ajv';
import type { DistrictConfig } from './types.generated';

/** What the config check needs to know of an installed plugin (the SDK's definition has more). */
export interface PluginManifest {
  name: string;
  version: string;
  requires?: string[];
  /** JSON Schema of `plugins.<name>.settings` in district.json. */
  settingsSchema?: Record<string, unknown>;
}

/**
 * Settings of each installed plugin against its own schema, and each enabled plugin's
 * requirements. A plugin the district names but this build lacks is skipped: districts may
 * declare settings for plugins installed elsewhere.
 */
export function checkPlugins(district: DistrictConfig, installed: PluginManifest[], file: string, lang: Lang): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const entries = district.plugins ?? {};
  const byName = new Map(installed.map((p) => [p.name, p]));
  const ajv = createAjv({ useDefaults: true, strict: false });
  for (const [name, entry] of Object.entries(entries)) {
    const plugin = byName.get(name);
    if (!plugin) continue;
    const base = `/plugins/${name}/settings`;
    if (plugin.settingsSchema) {
      const validate = ajv.compile(plugin.settingsSchema);
      if (!validate(structuredClone(entry.settings ?? {}))) {
        for (const issue of ajvIssues(validate.errors, lang, file)) {
          issues.push({ ...issue, path: `${base}${issue.path === '/' ? '' : issue.path}`, message: t(lang, 'config.pluginSetting', { plugin: name, detail: issue.message }) });
        }
      }
    }
    if (!entry.enabled) continue;
    (plugin.requires ?? []).forEach((required) => {
      const key = !byName.has(required) ? 'config.pluginRequiresMissing' : !entries[required]?.enabled ? 'config.pluginRequiresDisabled' : undefined;
      if (key) issues.push({ file, path: `/plugins/${name}`, message: t(lang, key, { plugin: name, required }), code: key.split('.')[1] });
    });
  }
  return issues;
}
