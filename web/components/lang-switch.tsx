'use client';

import { Button } from 'antd';
import { useRouter } from 'next/navigation';
import { uiText, type UiLang } from '../i18n';

export function LangSwitch({ lang }: { lang: UiLang }) {
  const router = useRouter();
  return (
    <Button
      type="link"
      onClick={() => {
        document.cookie = `lang=${lang === 'en' ? 'zh-CN' : 'en'}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {uiText(lang, 'lang.switch')}
    </Button>
  );
}
