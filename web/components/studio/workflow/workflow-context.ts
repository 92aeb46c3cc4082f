import type { DistrictConfig } from '../../../../core/config/types.generated';
import { localized, type UiLang } from '../../../i18n';

export interface Option {
  value: string;
  label: string;
}

/** What the workflow editor offers from the district: roles, SLA profiles and clocks, org levels. */
export interface WorkflowEditorContext {
  roles: Option[];
  slaProfiles: Option[];
  /** Clock keys of every SLA profile (a workflow's clocks come from whichever profile a case uses). */
  clocks: Option[];
  levels: Option[];
}

export function workflowEditorContext(district: Pick<DistrictConfig, 'roles' | 'slaProfiles' | 'orgLevels'>, lang: UiLang): WorkflowEditorContext {
  const clocks = new Map<string, string>();
  for (const p of district.slaProfiles ?? []) for (const c of p.clocks) if (!clocks.has(c.key)) clocks.set(c.key, `${localized(c.label, lang)} (${c.key}, ${c.minutes}′)`);
  return {
    roles: district.roles.map((r) => ({ value: r.key, label: localized(r.label, lang) })),
    slaProfiles: (district.slaProfiles ?? []).map((p) => ({ value: p.key, label: localized(p.label, lang) })),
    clocks: [...clocks].map(([value, label]) => ({ value, label })),
    levels: district.orgLevels.map((l) => ({ value: l.key, label: localized(l.label, lang) })),
  };
}
