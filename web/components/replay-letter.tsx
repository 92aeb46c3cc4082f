'use client';

import { Alert, Button } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { uiText, type UiLang } from '../i18n';
import { callError, trpc, type ServerIssue } from '../lib/trpc-client';

type Outcome = { ok: true; recordId: string } | { ok: false; message: string; issues: ServerIssue[] };

/**
 * Runs a dead letter through its channel's current mapping. A case made from it is linked; a
 * payload that still does not map shows the new problems by field (the page reloads its data too).
 */
export function ReplayLetter({ lang, id, caseEntity, open }: { lang: UiLang; id: string; caseEntity: string; open: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  async function replay() {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await trpc.intake.replay.mutate({ id });
      setOutcome({ ok: true, recordId: result.record.id });
    } catch (e) {
      const { message, issues } = callError(e);
      setOutcome({ ok: false, message, issues });
    } finally {
      setBusy(false);
      router.refresh();
    }
  }
  return (
    <div className="gw-section" data-replay-outcome={outcome ? (outcome.ok ? 'created' : 'failed') : undefined}>
      {open && (
        <Button type="primary" size="large" loading={busy} onClick={replay}>
          {tx('deadLetter.replay')}
        </Button>
      )}
      {outcome?.ok && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginTop: 8 }}
          title={
            <>
              {tx('deadLetter.replayed')} <a href={`/entities/${caseEntity}/${outcome.recordId}`}>{outcome.recordId}</a>
            </>
          }
        />
      )}
      {outcome && !outcome.ok && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 8 }}
          title={`${tx('deadLetter.replayFailed')}: ${outcome.message}`}
          description={
            outcome.issues.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {outcome.issues.map((i, n) => (
                  <li key={n}>
                    <code>{i.path || '/'}</code> {i.message}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
    </div>
  );
}
