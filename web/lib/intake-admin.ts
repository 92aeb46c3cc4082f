import type { Runtime } from '../../core/runtime';
import { localized, uiText, type UiKey, type UiLang } from '../i18n';

export type SearchParams = Record<string, string | string[] | undefined>;
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export const LETTER_STATUSES = ['open', 'replaying', 'resolved'] as const;
export const LEG_STATUSES = ['pending', 'sent', 'failed', 'dead'] as const;
const LETTER_LABELS: Record<(typeof LETTER_STATUSES)[number], UiKey> = { open: 'deadLetter.status.open', replaying: 'deadLetter.status.replaying', resolved: 'deadLetter.status.resolved' };
const LEG_LABELS: Record<(typeof LEG_STATUSES)[number], UiKey> = { pending: 'outbox.status.pending', sent: 'outbox.status.sent', failed: 'outbox.status.failed', dead: 'outbox.status.dead' };

export function letterStatusLabel(lang: UiLang, status: string): string {
  return status in LETTER_LABELS ? uiText(lang, LETTER_LABELS[status as keyof typeof LETTER_LABELS]) : status;
}

export function legStatusLabel(lang: UiLang, status: string): string {
  return status in LEG_LABELS ? uiText(lang, LEG_LABELS[status as keyof typeof LEG_LABELS]) : status;
}

/** A channel's name from config (its key when the channel is gone). */
export function channelLabel(runtime: Runtime, key: string, lang: UiLang): string {
  return localized(runtime.channels.get(key)?.label, lang) || key;
}

/** External channels (the only ones that post, so the only ones with dead letters or legs). */
export function externalChannels(runtime: Runtime, lang: UiLang): { value: string; label: string }[] {
  return runtime.channels.external().map((c) => ({ value: c.key, label: localized(c.label, lang) || c.key }));
}
