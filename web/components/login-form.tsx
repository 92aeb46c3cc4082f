'use client';

import { Alert, Button, Card, Form, Input, Layout, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { uiText, type UiKey, type UiLang } from '../i18n';
import { LangSwitch } from './lang-switch';

export function LoginForm({ lang, title }: { lang: UiLang; title: string }) {
  const tx = (key: UiKey) => uiText(lang, key);
  const router = useRouter();
  const [error, setError] = useState<UiKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    const res = await fetch('/api/auth/sign-in/username', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(values),
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) {
      router.replace('/');
      router.refresh();
      return;
    }
    setError(res?.status === 429 ? 'login.throttled' : res?.status === 403 ? 'login.disabled' : 'login.failed');
  }

  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {error && <Alert type="error" title={tx(error)} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={tx('login.username')}
            name="username"
            rules={[{ required: true, message: tx('login.required').replace('{field}', tx('login.username')) }]}
          >
            <Input autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item
            label={tx('login.password')}
            name="password"
            rules={[{ required: true, message: tx('login.required').replace('{field}', tx('login.password')) }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {tx('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'right', marginTop: 8 }}>
          <LangSwitch lang={lang} />
        </div>
      </Card>
    </Layout>
  );
}
