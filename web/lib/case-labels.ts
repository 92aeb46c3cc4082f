import type { Runtime } from '../../core/runtime';
import { localized, uiText, type UiLang } from '../i18n';

/** Labels of workflow states, transitions, clocks and org units in the UI language. */
export function caseLabels(runtime: Runtime, entityName: string | undefined, lang: UiLang) {
  const workflow = entityName && runtime.registry.has(entityName) ? runtime.registry.get(entityName).workflow : undefined;
  const clocks = new Map(runtime.bundle.district.slaProfiles.flatMap((p) => p.clocks.map((c) => [c.key, localized(c.label, lang)] as const)));
  return {
    state: (key: string | null | undefined) => (key ? localized(workflow?.states.find((s) => s.key === key)?.label, lang) || key : uiText(lang, 'status.none')),
    transition: (key: string | null | undefined) => (key ? localized(workflow?.transitions.find((t) => t.key === key)?.label, lang) || key : ''),
    clock: (key: string) => clocks.get(key) ?? key,
    unit: (id: string | null | undefined) => {
      if (!id) return '';
      const unit = runtime.org.get(id);
      return unit ? (lang === 'en' && unit.nameEn) || unit.name : id;
    },
    isFinal: (key: string | null | undefined) => !!workflow?.states.find((s) => s.key === key)?.final,
  };
}
