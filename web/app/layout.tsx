import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { ReactNode } from 'react';
import { getRuntime } from '../../core/runtime';
import { uiText } from '../i18n';
import { AppProviders } from '../components/app-providers';
import './globals.css';
import { requestLang } from './lang';

export async function generateMetadata() {
  return { title: uiText(await requestLang(), 'app.title') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await requestLang();
  const timeZone = (await getRuntime()).bundle.district.timeZone;
  return (
    <html lang={lang}>
      <body style={{ margin: 0 }}>
        <AntdRegistry>
          <AppProviders lang={lang} timeZone={timeZone}>{children}</AppProviders>
        </AntdRegistry>
      </body>
    </html>
  );
}
