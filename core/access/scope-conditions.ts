import type { PermissionRule } from '../config';
import type { OrgDirectory, OrgUnitInfo } from '../org';

export type Scope = NonNullable<PermissionRule['scope']>;

/**
 * The unit whose subtree a "mySubtree" rule reaches. A command centre sits beside the area it
 * serves (the district's centre is a child of the district), so its reach is its parent's subtree.
 */
export function reachUnit(unit: OrgUnitInfo, org: OrgDirectory): OrgUnitInfo {
  if (unit.kind === 'commandCentre' && unit.parentId) return org.get(unit.parentId) ?? unit;
  return unit;
}

/**
 * CASL conditions for a scope placeholder, resolved for one user holding a role in one unit.
 * Field names are the record's access fields (see subject-object.ts); SQL maps them to columns.
 */
export function scopeConditions(scope: Scope, userId: string, unit: OrgUnitInfo, org: OrgDirectory): Record<string, unknown> | undefined {
  switch (scope) {
    case 'all':
      return undefined;
    case 'own':
      return { createdBy: userId };
    case 'assignedToMe':
      return { assignedUserIds: userId };
    case 'myUnit':
      return { orgUnitId: unit.id };
    case 'mySubtree':
      return { orgPath: { $under: reachUnit(unit, org).path } };
    case 'myDepartment':
      return { assignedUnitIds: unit.id };
  }
}
