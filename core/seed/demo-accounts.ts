import type { DistrictBundle } from '../config';
import type { OrgDirectory, OrgUnitInfo } from '../org';
import type { Runtime } from '../runtime';
import { systemContext } from '../entities';

export const DEMO_PASSWORD = 'Gridwork@2026';

export interface DemoAccount {
  username: string;
  name: string;
  role: string;
  unitId: string;
}

const AREA_KINDS = new Set(['area', 'grid', 'microGrid', 'dedicatedGrid', 'building']);

/**
 * One demo account per role of the district, in a unit where that role makes sense, plus a second
 * account for grid-level roles in another subdistrict (to show what a grid worker cannot see).
 * Deterministic: units are taken in path order.
 */
export function demoAccounts(bundle: DistrictBundle, org: OrgDirectory): DemoAccount[] {
  const { district } = bundle;
  const units = [...org.all()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const gridLevels = new Set(district.orgLevels.filter((l) => l.isGrid).map((l) => l.key));
  const departments = units.filter((u) => u.kind === 'department');
  const root = units.find((u) => !u.parentId)!;
  const branchOf = (u: OrgUnitInfo) => u.path.split('/')[2];
  const out: DemoAccount[] = [];
  for (const role of district.roles) {
    const rules = role.permissions.map((p) => district.permissions[p]).filter(Boolean);
    const label = role.label['zh-CN'];
    const base = role.key.toLowerCase();
    let candidates: OrgUnitInfo[];
    if (rules.some((r) => r.scope === 'myDepartment')) candidates = departments;
    else if (role.levels?.length) {
      const atLevel = units.filter((u) => role.levels!.includes(u.level));
      const dispatches = rules.some((r) => r.actions.includes('dispatch'));
      const centres = atLevel.filter((u) => u.kind === 'commandCentre');
      candidates = dispatches && centres.length ? centres : atLevel.filter((u) => AREA_KINDS.has(u.kind));
      if (!candidates.length) candidates = atLevel;
    } else candidates = [root];
    const first = candidates[0];
    if (!first) continue;
    out.push({ username: base, name: `${label}（演示）`, role: role.key, unitId: first.id });
    if (role.levels?.some((l) => gridLevels.has(l))) {
      const other = candidates.find((u) => branchOf(u) !== branchOf(first));
      if (other) out.push({ username: `${base}2`, name: `${label}二（演示）`, role: role.key, unitId: other.id });
    }
  }
  return out;
}

/** Creates the demo accounts that do not exist yet. Never in production. */
export async function seedDemoAccounts(runtime: Runtime): Promise<{ created: DemoAccount[]; all: DemoAccount[] }> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('demo accounts are not created when NODE_ENV=production (their passwords are public)');
  }
  const all = demoAccounts(runtime.bundle, runtime.org);
  const created: DemoAccount[] = [];
  // They share one public password, so one hash (its salt is no secret either).
  let passwordHash: string | undefined;
  for (const account of all) {
    const exists = await runtime.db.selectFrom('user').select('id').where('username', '=', account.username).executeTakeFirst();
    if (exists) continue;
    passwordHash ??= await runtime.users.hashPassword(DEMO_PASSWORD);
    const input = { username: account.username, name: account.name, password: DEMO_PASSWORD, assignments: [{ role: account.role, unitId: account.unitId }] };
    await runtime.users.create(systemContext(), input, { passwordHash });
    created.push(account);
  }
  return { created, all };
}
