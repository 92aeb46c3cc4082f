import { uiText, type UiKey, type UiLang } from '../../i18n';

/** A UI string with {placeholders} filled in. */
export function formText(lang: UiLang, key: UiKey, params: Record<string, string | number> = {}): string {
  return uiText(lang, key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
