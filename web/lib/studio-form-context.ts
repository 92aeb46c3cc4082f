import type { Runtime } from '../../core/runtime';
import type { FormContext } from '../components/form';
import { localized, type UiLang } from '../i18n';

/** What the designer's preview needs to show x-source fields as users will see them. */
export function previewContext(runtime: Runtime, lang: UiLang): FormContext {
  const { district } = runtime.bundle;
  const units = [...runtime.org.all()].filter((u) => u.kind !== 'grid');
  return {
    options: {
      categories: district.categories.map((c) => ({ value: c.code, label: localized(c.label, lang) })),
      channels: district.channels.map((c) => ({ value: c.key, label: localized(c.label, lang) })),
      orgUnits: units.map((u) => ({ value: u.id, label: lang === 'en' && u.nameEn ? u.nameEn : u.name })),
    },
    orgUnits: units.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn ?? undefined, parentId: u.parentId ?? null })),
  };
}
