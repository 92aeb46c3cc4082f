import { ajvIssues, createAjv } from '../config/ajv';
import type { DistrictConfig } from '../config/types.generated';
import type { ServiceContext } from '../entities/service-context';
import { NotFoundError, ValidationError, type ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import type { PluginHost } from '../plugin-sdk/plugin-host';

/** The part of the studio's draft service plugin settings need (runtime.studio provides it). */
export interface DistrictDraft {
  draftFile(path: string): Promise<{ content: unknown; rev: number } | undefined>;
  saveDraftFiles(ctx: ServiceContext, files: Record<string, unknown | null>, revs?: Record<string, number>): Promise<{ issues: ErrorIssue[] }>;
}

export interface StudioPlugin {
  name: string;
  label: string;
  version: string;
  /** Enabled in the district.json being edited (the draft's, else the active one's). */
  enabled: boolean;
  /** Enabled in the configuration running now. */
  running: boolean;
  requires: string[];
  settingsSchema: Record<string, unknown> | null;
  /** As written in district.json (defaults are not filled in). */
  settings: unknown;
}

const DISTRICT_FILE = 'district.json';

const text = (label: { 'zh-CN': string; en?: string } | undefined, lang: Lang, fallback: string) =>
  label ? (lang === 'en' ? (label.en ?? label['zh-CN']) : label['zh-CN']) : fallback;

async function editedDistrict(drafts: DistrictDraft): Promise<{ district: DistrictConfig; rev: number }> {
  const file = (await drafts.draftFile(DISTRICT_FILE))!;
  return { district: file.content as DistrictConfig, rev: file.rev };
}

/** Every installed plugin, with this district's switch and settings for it. */
export async function listPlugins(plugins: PluginHost, drafts: DistrictDraft, lang: Lang): Promise<StudioPlugin[]> {
  const entries = (await editedDistrict(drafts)).district.plugins ?? {};
  return plugins.installed.map((p) => ({
    name: p.name,
    label: text(p.label, lang, p.name),
    version: p.version,
    enabled: !!entries[p.name]?.enabled,
    running: plugins.isEnabled(p.name),
    requires: p.requires ?? [],
    settingsSchema: p.settingsSchema ?? null,
    settings: entries[p.name]?.settings ?? null,
  }));
}

/**
 * Switches a plugin on or off in the draft's district.json and stores its settings, validated by the
 * plugin's own settings schema first (issues point into district.json). Leaving `settings` out keeps
 * the current ones. Whole-draft problems (a required plugin left off) come back as issues: they
 * block publishing, not saving.
 */
export async function setPlugin(
  plugins: PluginHost,
  drafts: DistrictDraft,
  ctx: ServiceContext,
  input: { name: string; enabled: boolean; settings?: unknown },
): Promise<{ rev: number; issues: ErrorIssue[] }> {
  const { lang } = ctx;
  const plugin = plugins.installed.find((p) => p.name === input.name);
  if (!plugin) throw new NotFoundError(t(lang, 'studio.unknownPlugin', { name: input.name }), [{ path: '/name', message: t(lang, 'studio.unknownPlugin', { name: input.name }), code: 'unknownPlugin' }]);
  const { district, rev } = await editedDistrict(drafts);
  const current = district.plugins?.[input.name];
  const settings = input.settings === undefined ? current?.settings : input.settings;
  const base = `/plugins/${input.name}/settings`;

  const issues: ErrorIssue[] = [];
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) {
    issues.push({ file: DISTRICT_FILE, path: base, message: t(lang, 'studio.settingsNotObject'), code: 'type' });
  } else if (plugin.settingsSchema) {
    // As the runtime validates them at start-up (plugin-check.ts): defaults count, unknown keywords do not fail.
    const validate = createAjv({ useDefaults: true, strict: false }).compile(plugin.settingsSchema);
    if (!validate(structuredClone(settings ?? {}))) {
      for (const issue of ajvIssues(validate.errors, lang, DISTRICT_FILE)) issues.push({ ...issue, path: `${base}${issue.path === '/' ? '' : issue.path}` });
    }
  }
  if (issues.length) throw new ValidationError(t(lang, 'studio.pluginSettingsInvalid', { plugin: input.name, count: issues.length }), issues);

  const entry = { enabled: input.enabled, ...(settings === undefined ? {} : { settings }) };
  const next: DistrictConfig = { ...district, plugins: { ...(district.plugins ?? {}), [input.name]: entry as never } };
  // Guarded by the revision read above: a concurrent edit of district.json is not overwritten.
  const saved = await drafts.saveDraftFiles(ctx, { [DISTRICT_FILE]: next }, { [DISTRICT_FILE]: rev });
  return { rev: (await drafts.draftFile(DISTRICT_FILE))?.rev ?? 0, issues: saved.issues };
}
