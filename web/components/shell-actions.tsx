'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { uiText, type UiLang } from '../i18n';

/** Who is signed in, the language switch and sign-out: plain buttons, no component library. */
export function ShellActions({ lang, name }: { lang: UiLang; name: string }) {
  const router = useRouter();
  // Marks the page interactive: browser tests wait for it instead of racing hydration.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  const button = { background: 'transparent', color: '#fff', border: '1px solid rgba(255,255,255,0.7)', borderRadius: 6, minHeight: 44, minWidth: 44, padding: '0 12px', cursor: 'pointer', fontSize: 14 };
  async function signOut() {
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    router.replace('/login');
    router.refresh();
  }
  function switchLang() {
    document.cookie = `lang=${lang === 'en' ? 'zh-CN' : 'en'}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
      <span>{name}</span>
      <button type="button" style={button} onClick={switchLang} lang={lang === 'en' ? 'zh-CN' : 'en'}>
        {uiText(lang, 'lang.switch')}
      </button>
      <button type="button" style={button} onClick={signOut}>
        {uiText(lang, 'nav.signOut')}
      </button>
    </div>
  );
}
