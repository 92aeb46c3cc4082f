import { ForbiddenError, systemContext, type LocalizedText, type PluginApi, type ServiceContext } from '../../core/plugin-sdk';
import type { GridAllianceSettings } from './settings.generated';

const KINDS = [
  { kind: 'residentUnit', setting: 'residentUnits', fallback: '驻区单位' },
  { kind: 'marketEntity', setting: 'marketEntities', fallback: '市场主体' },
  { kind: 'socialOrganisation', setting: 'socialOrganisations', fallback: '社会组织' },
] as const;

const TO_BE_NAMED = '（待区里命名）';

/**
 * The demo members: the configured examples (named in the source) first, then placeholders up to
 * each count, named as placeholders and flagged `toBeNamed` so no page presents them as real units.
 */
export function demoMembers(settings: GridAllianceSettings) {
  return KINDS.flatMap(({ kind, setting, fallback }) => {
    const examples = settings.exampleMembers?.[setting] ?? [];
    const count = settings.members?.[setting] ?? 0;
    return Array.from({ length: count }, (_, i) =>
      examples[i] ? { name: examples[i], kind } : { name: `${fallback}第${String(i + 1).padStart(3, '0')}家${TO_BE_NAMED}`, kind, toBeNamed: true },
    );
  });
}

/** A category's label: the district's, or "第n类（待区里命名）" while the district has not named it. */
export function categoryLabel(settings: GridAllianceSettings, key: string): LocalizedText & { toBeNamed?: boolean } {
  const index = settings.serviceCategories.findIndex((c) => c.key === key);
  const category = settings.serviceCategories[index];
  if (category?.label) return category.label as LocalizedText;
  const n = index >= 0 ? index + 1 : key;
  return { 'zh-CN': `第${n}类${TO_BE_NAMED}`, en: `Category ${n} (to be named by the district)`, toBeNamed: true };
}

/**
 * The service catalogue: the items the district has named (settings.serviceItems), then
 * placeholders up to serviceItemCount spread evenly over the categories, flagged `toBeNamed` (the
 * source gives the totals, not the items or how they divide among the categories).
 */
export function demoServiceItems(settings: GridAllianceSettings) {
  const categories = settings.serviceCategories;
  const named = (settings.serviceItems ?? []).filter((i) => categories.some((c) => c.key === i.category));
  const total = Math.max(settings.serviceItemCount ?? 125, named.length);
  const placeholders = Array.from({ length: total - named.length }, (_, i) => {
    const category = categories[i % categories.length];
    const n = String(Math.floor(i / categories.length) + 1).padStart(2, '0');
    return { name: `${categoryLabel(settings, category.key)['zh-CN'].replace(TO_BE_NAMED, '')}第${n}项${TO_BE_NAMED}`, category: category.key, toBeNamed: true };
  });
  return [...named.map((i) => ({ name: i.name, category: i.category })), ...placeholders];
}

/** The catalogue by category (in the settings' order), each category labelled, for the alliance page. */
export async function catalogue(plugin: PluginApi<GridAllianceSettings>, ctx: ServiceContext) {
  if (ctx.ability && !ctx.ability.can('read', 'AllianceServiceItem')) throw new ForbiddenError(plugin.t(ctx.lang, 'forbidden'));
  const items: { id: string; data: Record<string, unknown> }[] = [];
  // The catalogue holds up to 1000 items (settings), read in pages.
  for (let cursor: string | null = null, pages = 0; pages < 5; pages++) {
    const page = await plugin.runtime.entities.list(ctx, 'allianceServiceItem', { limit: 200, cursor });
    items.push(...page.items);
    if (!(cursor = page.nextCursor)) break;
  }
  return plugin.settings.serviceCategories.map((c) => {
    const label = categoryLabel(plugin.settings, c.key);
    const own = items.filter((i) => i.data.category === c.key).sort((a, b) => String(a.data.name).localeCompare(String(b.data.name)));
    return {
      key: c.key,
      label: { 'zh-CN': label['zh-CN'], en: label.en ?? label['zh-CN'] },
      toBeNamed: !!label.toBeNamed,
      items: own.map((i) => ({ id: i.id, name: String(i.data.name), toBeNamed: i.data.toBeNamed === true })),
    };
  });
}

/** Loads the demo members and catalogue once (a second call changes nothing); district admins only. */
export async function loadFixtures(plugin: PluginApi<GridAllianceSettings>, ctx: ServiceContext) {
  if (ctx.ability && !ctx.ability.can('manage', 'all')) throw new ForbiddenError(plugin.t(ctx.lang, 'forbidden'));
  const { entities } = plugin.runtime;
  const sys = systemContext(ctx.lang);
  if (await entities.count(sys, 'allianceMember')) return { loaded: false };
  const orgUnitId = plugin.settings.units[0];
  await plugin.runtime.db.transaction().execute(async (trx) => {
    await entities.createMany(sys, 'allianceMember', demoMembers(plugin.settings).map((data) => ({ orgUnitId, data })), trx);
    await entities.createMany(sys, 'allianceServiceItem', demoServiceItems(plugin.settings).map((data) => ({ orgUnitId, data })), trx);
  });
  return { loaded: true };
}

/** Members by kind and catalogue items by category. */
export async function allianceSummary(plugin: PluginApi<GridAllianceSettings>, ctx: ServiceContext) {
  const members = await plugin.runtime.entities.countBy(ctx, 'allianceMember', 'kind');
  const items = await plugin.runtime.entities.countBy(ctx, 'allianceServiceItem', 'category');
  return { members, items };
}
