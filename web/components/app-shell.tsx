import type { ReactNode } from 'react';
import { uiText } from '../i18n';
import type { ShellData } from '../lib/page-context';
import { ShellActions } from './shell-actions';

/**
 * The frame of every signed-in page: a skip link, the platform's name, the menu built on the server
 * from the user's abilities, and the main landmark. Rendered on the server; only sign-out and the
 * language switch run in the browser.
 */
export function AppShell({ shell, current, children }: { shell: ShellData; current: string; children: ReactNode }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(shell.lang, key);
  return (
    <>
      <a className="gw-skip" href="#main">
        {tx('a11y.skipToMain')}
      </a>
      <header className="gw-header">
        <div className="gw-header-top">
          <p className="gw-title">
            {shell.platformName} · {shell.districtName}
          </p>
          <ShellActions lang={shell.lang} name={shell.userName} />
        </div>
        <nav className="gw-nav" aria-label={tx('a11y.mainMenu')}>
          {shell.nav.map((item) => (
            <a key={item.href} href={item.href} aria-current={item.href === current ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" className="gw-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
