'use client';

import { usePathname } from 'next/navigation';
import { uiText, type UiKey, type UiLang } from '../../i18n';

const SECTIONS: { href: string; key: UiKey }[] = [
  { href: '/studio/entities', key: 'studio.nav.entities' },
  { href: '/studio/workflows', key: 'studio.nav.workflows' },
  { href: '/studio/roles', key: 'studio.nav.roles' },
  { href: '/studio/org', key: 'studio.nav.org' },
  { href: '/studio/plugins', key: 'studio.nav.plugins' },
  { href: '/studio/versions', key: 'studio.nav.versions' },
  { href: '/studio/transfer', key: 'studio.nav.transfer' },
];

/** The studio's own menu; the section of the current page is marked. */
export function StudioNav({ lang }: { lang: UiLang }) {
  const path = usePathname() ?? '';
  return (
    <nav className="gw-studio-nav" aria-label={uiText(lang, 'studio.menu')}>
      {SECTIONS.map((s) => (
        <a key={s.href} href={s.href} aria-current={path === s.href || path.startsWith(`${s.href}/`) ? 'page' : undefined}>
          {uiText(lang, s.key)}
        </a>
      ))}
    </nav>
  );
}
