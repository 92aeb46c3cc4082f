'use client';

import { Alert, Button } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { fill, uiText, type UiLang } from '../i18n';
import { callError, trpc } from '../lib/trpc-client';

export interface CategorySuggestionProps {
  lang: UiLang;
  entity: string;
  id: string;
  version: number;
  category: string;
  categoryLabel: string;
  confidence: number;
  departmentLabels: string[];
}

/**
 * The classifier's suggested category for this case, with its confidence and the departments it
 * would go to; one click re-categorises the case on the server (audited) and reloads the page data.
 */
export function CategorySuggestion({ lang, entity, id, version, category, categoryLabel, confidence, departmentLabels }: CategorySuggestionProps) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  async function accept() {
    setBusy(true);
    setError(null);
    try {
      await trpc.case.recategorise.mutate({ entity, id, category, version });
      router.refresh();
    } catch (e) {
      setError(callError(e).message);
      setBusy(false);
    }
  }
  return (
    <section className="gw-section" aria-labelledby="gw-suggestion" data-suggested-category={category}>
      <h2 id="gw-suggestion">{tx('suggest.title')}</h2>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 8 }} />}
      <div className="gw-card">
        <p style={{ margin: 0 }}>
          {tx('suggest.category')}: <strong>{categoryLabel}</strong> · {fill(tx('suggest.confidence'), { p: Math.round(confidence * 100) })}
        </p>
        {departmentLabels.length > 0 && (
          <p className="gw-meta" style={{ margin: '4px 0 0' }}>
            {tx('suggest.departments')}: {departmentLabels.join('、')}
          </p>
        )}
        <Button type="primary" size="large" style={{ marginTop: 8 }} loading={busy} onClick={accept}>
          {tx('suggest.accept')}
        </Button>
      </div>
    </section>
  );
}
