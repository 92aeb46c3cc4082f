import type { DistrictConfig } from '../config/types.generated';

/**
 * Category → handling departments: a category's own default departments, else its parent's
 * (a "safety.building" case without its own rule goes where "safety" cases go).
 */
export class DepartmentRules {
  private readonly byCode = new Map<string, { parent?: string; departments: string[] }>();

  constructor(categories: DistrictConfig['categories']) {
    for (const c of categories) this.byCode.set(c.code, { parent: c.parent, departments: c.defaultDepartments ?? [] });
  }

  departmentsFor(category: string | undefined): string[] {
    const seen = new Set<string>();
    let code = category;
    while (code && !seen.has(code)) {
      seen.add(code);
      const rule = this.byCode.get(code);
      if (!rule) return [];
      if (rule.departments.length) return [...rule.departments];
      code = rule.parent;
    }
    return [];
  }
}
