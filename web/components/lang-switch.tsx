'use client';

import { Button } from 'antd';
import { useRouter } from 'next/navigation';
import { uiText, type UiLang } from '../i18n';

export function LangSwitch({ lang, onDark = false }: { lang: UiLang; onDark?: boolean }) {
  const router = useRouter();
  return (
    <Button
      type="link"
      style={onDark ? { color: '#fff' } : undefined}
      onClick={() => {
        document.cookie = `lang=${lang === 'en' ? 'zh-CN' : 'en'}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {uiText(lang, 'lang.switch')}
    </Button>
  );
}
