import { NotFoundError, systemContext, ValidationError, type Lang, type PluginApi } from '../../core/plugin-sdk';
import type { GridAllianceSettings } from './settings.generated';

/** The unit must be one of the alliance's units or below one of them. */
export function assertInAlliance(plugin: PluginApi<GridAllianceSettings>, lang: Lang, unitId: string, path: string) {
  const { org } = plugin.runtime;
  for (let unit = org.get(unitId); unit; unit = unit.parentId ? org.get(unit.parentId) : undefined) {
    if (plugin.settings.units.includes(unit.id)) return;
  }
  const message = plugin.t(lang, 'notInAlliance', { unit: unitId });
  throw new ValidationError(message, [{ path, message, code: 'notInAlliance' }]);
}

/** The member must exist; otherwise a field error on /memberId. */
export async function assertMember(plugin: PluginApi<GridAllianceSettings>, lang: Lang, memberId: string) {
  try {
    return await plugin.runtime.entities.get(systemContext(lang), 'allianceMember', memberId);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    const message = plugin.t(lang, 'unknownMember', { id: memberId });
    throw new ValidationError(message, [{ path: '/memberId', message, code: 'unknownMember' }]);
  }
}
