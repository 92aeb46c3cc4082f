'use client';

import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import type { UiLang } from '../i18n';

/** antd's own strings (pagination, pickers, empty states) follow the UI language. */
export function AppProviders({ lang, children }: { lang: UiLang; children: ReactNode }) {
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c8102e' } }} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}
