'use client';

import ConfigProvider from 'antd/es/config-provider';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import type { UiLang } from '../../../i18n';

/** antd's own strings (empty lists, tree search…) in the form's language, zh_CN by default. */
export function AntdLocale({ lang, children }: { lang: UiLang; children: ReactNode }) {
  return <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>{children}</ConfigProvider>;
}
