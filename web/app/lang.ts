import { cookies } from 'next/headers';
import type { UiLang } from '../i18n';

/** The UI language: the `lang` cookie set by the switcher, else Chinese. */
export async function requestLang(): Promise<UiLang> {
  const value = (await cookies()).get('lang')?.value;
  return value === 'en' ? 'en' : 'zh-CN';
}
