import { ForbiddenError, systemContext, type PluginApi, type ServiceContext } from '../../core/plugin-sdk';
import type { GridAllianceSettings } from './settings.generated';

const KINDS = [
  { kind: 'residentUnit', setting: 'residentUnits', fallback: '驻区单位' },
  { kind: 'marketEntity', setting: 'marketEntities', fallback: '市场主体' },
  { kind: 'socialOrganisation', setting: 'socialOrganisations', fallback: '社会组织' },
] as const;

/** The demo members: the configured examples first, then numbered placeholders up to each count. */
export function demoMembers(settings: GridAllianceSettings) {
  return KINDS.flatMap(({ kind, setting, fallback }) => {
    const examples = settings.exampleMembers?.[setting] ?? [];
    const count = settings.members?.[setting] ?? 0;
    return Array.from({ length: count }, (_, i) => ({ name: examples[i] ?? `林山寨${fallback}${String(i + 1).padStart(3, '0')}`, kind }));
  });
}

/** The service catalogue: serviceItemCount items spread evenly over the configured categories. */
export function demoServiceItems(settings: GridAllianceSettings) {
  const categories = settings.serviceCategories;
  const total = settings.serviceItemCount ?? 125;
  return Array.from({ length: total }, (_, i) => {
    const category = categories[i % categories.length];
    return { name: `${category.label['zh-CN']}服务${String(Math.floor(i / categories.length) + 1).padStart(2, '0')}`, category: category.key };
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
