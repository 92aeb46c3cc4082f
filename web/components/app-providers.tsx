'use client';

import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import type { UiLang } from '../i18n';
import { DistrictTimeZone } from './district-time-zone';

/** antd's own strings (pagination, pickers, empty states) follow the UI language; times follow the district's zone. */
export function AppProviders({ lang, timeZone, children }: { lang: UiLang; timeZone?: string; children: ReactNode }) {
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c8102e' } }} button={{ autoInsertSpace: false }}>
      <DistrictTimeZone.Provider value={timeZone}>{children}</DistrictTimeZone.Provider>
    </ConfigProvider>
  );
}
