import { timeInZone } from '../components/form/zoned-time';
import { fill, uiText, type UiLang } from '../i18n';

/** A date-time in the user's language and the district's time zone. */
export function formatDateTime(value: string | null | undefined, lang: UiLang, timeZone: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A `format: time` value (HH:mm:ss±hh:mm) on the district's clock, HH:mm. */
export function formatTime(value: string | null | undefined, timeZone: string): string {
  if (!value) return '';
  return timeInZone(value, timeZone) || value;
}

/** "2 h 5 min left" / "overdue 40 min", in the user's language. */
export function formatRemaining(minutes: number, lang: UiLang): string {
  const abs = Math.abs(minutes);
  const days = Math.floor(abs / 1440);
  const hours = Math.floor((abs % 1440) / 60);
  const mins = abs % 60;
  const nf = new Intl.NumberFormat(lang);
  const parts = [
    days ? fill(uiText(lang, 'time.days'), { n: nf.format(days) }) : '',
    hours ? fill(uiText(lang, 'time.hours'), { n: nf.format(hours) }) : '',
    !days && (mins || !hours) ? fill(uiText(lang, 'time.minutes'), { n: nf.format(mins) }) : '',
  ].filter(Boolean);
  return fill(uiText(lang, minutes < 0 ? 'clock.overdue' : 'clock.remaining'), { time: parts.join(' ') });
}

export function formatNumber(value: number, lang: UiLang): string {
  return new Intl.NumberFormat(lang).format(value);
}
