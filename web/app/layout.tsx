import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { ReactNode } from 'react';
import { uiText } from '../i18n';
import { AppProviders } from '../components/app-providers';
import './globals.css';
import { requestLang } from './lang';

export async function generateMetadata() {
  return { title: uiText(await requestLang(), 'app.title') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await requestLang();
  return (
    <html lang={lang}>
      <body style={{ margin: 0 }}>
        <AntdRegistry>
          <AppProviders lang={lang}>{children}</AppProviders>
        </AntdRegistry>
      </body>
    </html>
  );
}
