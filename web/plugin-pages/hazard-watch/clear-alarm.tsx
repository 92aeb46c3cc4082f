'use client';

import { uiText, type UiLang } from '../../i18n';
import { trpc } from '../../lib/trpc-client';
import { InlineTextForm } from '../inline-text-form';

/** Clears an open alarm by hand (the monitoring system usually does): closes its case, records the minutes. */
export function ClearAlarm({ lang, alarmId }: { lang: UiLang; alarmId: string }) {
  return (
    <InlineTextForm
      label={uiText(lang, 'hw.clearNote')}
      maxLength={500}
      submitLabel={uiText(lang, 'hw.clear')}
      name="clear-alarm"
      call={(note) => trpc.plugins['hazard-watch'].clearAlarm.mutate({ alarmId, ...(note ? { note } : {}) })}
    />
  );
}
