'use client';

import { Alert, Button } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { uiText, type UiLang } from '../i18n';
import { callError, trpc } from '../lib/trpc-client';

export interface DuplicateRow {
  id: string;
  title: string;
  detail: string;
}

/**
 * Possible duplicates of this case (from the duplicate detector, when installed): open each, or
 * merge it into this one. The procedure is looked up at run time because it ships with the geo
 * feature; the page only renders this panel when the server has it.
 */
export function DuplicatesPanel({ lang, entity, id, rows, canMerge }: { lang: UiLang; entity: string; id: string; rows: DuplicateRow[]; canMerge: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function merge(duplicate: string) {
    setBusy(duplicate);
    setError(null);
    try {
      const api = trpc.case as unknown as { merge: { mutate(input: unknown): Promise<unknown> } };
      await api.merge.mutate({ entity, primaryId: id, duplicateIds: [duplicate] });
      router.refresh();
    } catch (e) {
      setError(callError(e).message);
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="gw-section" aria-labelledby="gw-duplicates">
      <h2 id="gw-duplicates">{uiText(lang, 'case.duplicates')}</h2>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
      <ul className="gw-list">
        {rows.map((r) => (
          <li key={r.id} className="gw-card">
            <a href={`/entities/${entity}/${r.id}`}>{r.title}</a>
            <div className="gw-meta">{r.detail}</div>
            {canMerge && (
              <Button size="large" style={{ marginTop: 8 }} loading={busy === r.id} onClick={() => merge(r.id)}>
                {uiText(lang, 'case.mergeHere')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
