'use client';

import { Button } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { uiText, type UiLang } from '../i18n';
import { callError, trpc } from '../lib/trpc-client';

/** "Retry now" on a failed or dead outbound leg: queued again on the server (audited). */
export function RetryLeg({ lang, id }: { lang: UiLang; id: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retry() {
    setBusy(true);
    setError(null);
    try {
      await trpc.intake.retryLeg.mutate({ id });
      router.refresh();
    } catch (e) {
      setError(callError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button size="large" loading={busy} onClick={retry}>
        {uiText(lang, 'outbox.retry')}
      </Button>
      {error && (
        <div role="alert" className="gw-overdue" style={{ marginTop: 4 }}>
          {error}
        </div>
      )}
    </>
  );
}
