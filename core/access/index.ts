export { createAppAbility, type AppAbility, type AppRule } from './app-ability';
export { buildAbility, buildRules, type Principal, type RoleAssignment } from './build-ability';
export { accessibleWhere, columnCondition, type FieldMap, type SqlField } from './ability-sql';
export { readableRecord } from './read-fields';
export { recordSubject, type RecordAccessFields } from './subject-object';
export { scopeConditions, reachUnit, type Scope } from './scope-conditions';
