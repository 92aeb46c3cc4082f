'use client';

import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import { InlineTextForm } from '../inline-text-form';

/** 销号: closes a notice off with the evidence of what was done. */
export function CloseNoticeForm({ lang, noticeId }: { lang: UiLang; noticeId: string }) {
  return (
    <InlineTextForm
      label={uiText(lang, 'rn.evidence')}
      maxLength={2000}
      submitLabel={uiText(lang, 'rn.close')}
      name="close-notice"
      issuePath="/evidence/text"
      call={(text) => trpc.plugins['risk-notices'].closeNotice.mutate({ noticeId, evidence: { text } })}
    />
  );
}
