import { en } from './en';
import { zhCN, type UiKey } from './zh-CN';

export type UiLang = 'zh-CN' | 'en';
export type { UiKey };

const catalogues: Record<UiLang, Record<UiKey, string>> = { 'zh-CN': zhCN, en };

export function uiText(lang: UiLang, key: UiKey): string {
  return catalogues[lang][key] ?? zhCN[key];
}

/**
 * Picks the text of a config label ({ "zh-CN", "en" }) in the UI language, falling back to Chinese.
 * Also takes a plugin's label as its procedures give it: null when unset, or a map by language as
 * typed from its settings schema.
 */
export function localized(text: { 'zh-CN'?: string; en?: string } | null | undefined, lang: UiLang): string {
  if (!text) return '';
  return (lang === 'en' && text.en) || text['zh-CN'] || '';
}

/** Fills `{name}` placeholders of a catalogue text. */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
