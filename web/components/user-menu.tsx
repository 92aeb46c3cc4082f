'use client';

import { Button, Space, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { uiText, type UiLang } from '../i18n';
import { Can } from './ability-provider';
import { LangSwitch } from './lang-switch';

/** The header's right side: who is signed in, what they may open, sign-out. */
export function UserMenu({ lang, name }: { lang: UiLang; name: string }) {
  const router = useRouter();
  async function signOut() {
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    router.replace('/login');
    router.refresh();
  }
  return (
    <Space wrap>
      <Can I="read" a="AuditLog">
        <Link href="/audit" style={{ color: '#fff' }}>
          {uiText(lang, 'nav.audit')}
        </Link>
      </Can>
      <Typography.Text style={{ color: '#fff' }}>{name}</Typography.Text>
      <Button size="small" onClick={signOut}>
        {uiText(lang, 'nav.signOut')}
      </Button>
      <LangSwitch lang={lang} onDark />
    </Space>
  );
}
