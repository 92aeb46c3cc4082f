import type { DistrictConfig, PermissionRule } from '../../../../core/config/types.generated';

export type { DistrictConfig, PermissionRule };
export type Scope = NonNullable<PermissionRule['scope']>;

export const SCOPES: Scope[] = ['own', 'assignedToMe', 'myUnit', 'mySubtree', 'myDepartment', 'all'];

/** Gives a role a named permission, or takes it away (the role keeps its other permissions in order). */
export function setRolePermission(district: DistrictConfig, role: string, permission: string, on: boolean): DistrictConfig {
  return {
    ...district,
    roles: district.roles.map((r) => {
      if (r.key !== role) return r;
      const has = r.permissions.includes(permission);
      if (on === has) return r;
      return { ...r, permissions: on ? [...r.permissions, permission] : r.permissions.filter((p) => p !== permission) };
    }) as DistrictConfig['roles'],
  };
}

/** Changes a permission rule; `scope: 'all'` and an empty field list are written as absent (the schema's defaults). */
export function updatePermission(district: DistrictConfig, key: string, patch: Partial<PermissionRule>): DistrictConfig {
  const rule: PermissionRule = { ...district.permissions[key], ...patch };
  if (rule.scope === 'all' || !rule.scope) delete rule.scope;
  if (!rule.fields?.length) delete rule.fields;
  if (!rule.inverted) delete rule.inverted;
  return { ...district, permissions: { ...district.permissions, [key]: rule } };
}

export function addPermission(district: DistrictConfig, key: string, rule: PermissionRule): DistrictConfig {
  return { ...district, permissions: { ...district.permissions, [key]: rule } };
}

/** Removes a permission and every role's reference to it. */
export function removePermission(district: DistrictConfig, key: string): DistrictConfig {
  const permissions = { ...district.permissions };
  delete permissions[key];
  return { ...district, permissions, roles: district.roles.map((r) => ({ ...r, permissions: r.permissions.filter((p) => p !== key) })) as DistrictConfig['roles'] };
}

/** Permissions by subject, in the order of the file: the grid's row groups. */
export function permissionsBySubject(district: DistrictConfig): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const [key, rule] of Object.entries(district.permissions)) {
    if (!groups.has(rule.subject)) groups.set(rule.subject, []);
    groups.get(rule.subject)!.push(key);
  }
  return [...groups];
}

export const ACTION_PATTERN = /^(manage|read|create|update|delete|dispatch|supervise|export|configure|escalate|merge|broadcast|transition:[a-z][a-zA-Z0-9]*|transition:\*)$/;
export const PERMISSION_KEY = /^[a-z][a-zA-Z0-9]*$/;
