import { subject } from '@casl/ability';
import type { AppAbility } from '../access';
import type { EntityRegistry } from '../entities';
import type { OrgDirectory } from '../org';
import type { LiveEvent } from './live-event';

/**
 * Whether a viewer may see an event, decided in memory per connection: a case event by the same
 * CASL rules that scope their case lists (on the case's place and reporter), a broadcast when the
 * viewer is one of its recipients (a role it names, in a unit under its scope) or sent it.
 */
export function viewerFilter(
  viewer: { id: string; assignments: { role: string; unitId: string }[] },
  ability: AppAbility,
  registry: EntityRegistry,
  org: OrgDirectory,
): (event: LiveEvent) => boolean {
  const places = viewer.assignments.map((a) => ({ role: a.role, path: org.get(a.unitId)?.path ?? '' }));
  return (e) => {
    if (e.kind === 'broadcast') {
      if (e.createdBy === viewer.id) return true;
      return places.some((p) => !!e.orgPath && p.path.startsWith(e.orgPath) && (e.roles ?? []).includes(p.role));
    }
    if (!e.entity || !registry.has(e.entity)) return false;
    const fields = { id: e.recordId, orgPath: e.orgPath, orgUnitId: e.orgUnitId, createdBy: e.createdBy, status: e.toState, assignedUnitIds: [], assignedUserIds: [] };
    return ability.can('read', subject(registry.get(e.entity).subject, fields) as never);
  };
}
