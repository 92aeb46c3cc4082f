import type { DistrictBundle } from '../config';
import type { OrgDirectory } from '../org';
import { createAppAbility, type AppAbility, type AppRule } from './app-ability';
import { scopeConditions } from './scope-conditions';

export interface RoleAssignment {
  role: string;
  unitId: string;
}

export interface Principal {
  id: string;
  username?: string;
  assignments: RoleAssignment[];
}

/** Every transition named in the district's workflows, for `transition:*`. */
function transitionActions(bundle: DistrictBundle): string[] {
  return [...new Set(bundle.workflows.flatMap((w) => w.transitions.map((t) => `transition:${t.key}`)))];
}

/**
 * The raw CASL rules of one person: each role they hold, in each unit they hold it, contributes its
 * permission rules with scope placeholders resolved to that unit. Allow rules come first and
 * `cannot` rules last, because in CASL a later rule overrides an earlier one.
 */
export function buildRules(bundle: DistrictBundle, org: OrgDirectory, principal: Principal): AppRule[] {
  const allow: AppRule[] = [];
  const deny: AppRule[] = [];
  const transitions = transitionActions(bundle);
  for (const assignment of principal.assignments) {
    const role = bundle.district.roles.find((r) => r.key === assignment.role);
    const unit = org.get(assignment.unitId);
    if (!role || !unit) continue;
    for (const key of role.permissions) {
      const rule = bundle.district.permissions[key];
      if (!rule) continue;
      const action = rule.actions.flatMap((a) => (a === 'transition:*' ? transitions : [a]));
      const conditions = scopeConditions(rule.scope ?? 'all', principal.id, unit, org);
      const raw: AppRule = {
        action,
        subject: rule.subject,
        ...(conditions ? { conditions } : {}),
        ...(rule.fields ? { fields: rule.fields } : {}),
        ...(rule.inverted ? { inverted: true } : {}),
      };
      (rule.inverted ? deny : allow).push(raw);
    }
  }
  return [...allow, ...deny];
}

export function buildAbility(bundle: DistrictBundle, org: OrgDirectory, principal: Principal): AppAbility {
  return createAppAbility(buildRules(bundle, org, principal));
}
