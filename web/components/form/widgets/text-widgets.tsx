'use client';

import { Input, InputNumber } from 'antd';
import type { CSSProperties } from 'react';
import type { WidgetProps } from './widget-props';

function common(p: WidgetProps) {
  return {
    id: p.id,
    disabled: p.disabled,
    onBlur: p.onBlur,
    status: p.invalid ? ('error' as const) : undefined,
    'aria-invalid': p.invalid || undefined,
    'aria-describedby': p.describedBy,
    'aria-required': p.field.required || undefined,
  };
}

export function TextWidget(p: WidgetProps) {
  return (
    <Input
      {...common(p)}
      value={(p.value as string | undefined) ?? ''}
      placeholder={p.field.placeholder}
      maxLength={p.field.schema.maxLength}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}

export function TextareaWidget(p: WidgetProps) {
  return (
    <Input.TextArea
      {...common(p)}
      value={(p.value as string | undefined) ?? ''}
      placeholder={p.field.placeholder}
      maxLength={p.field.schema.maxLength}
      showCount={Boolean(p.field.schema.maxLength)}
      rows={3}
      // Grows with its text natively (no measuring on mount, unlike autoSize).
      style={{ fieldSizing: 'content', minHeight: '5.5em', maxHeight: '16em' } as CSSProperties}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}

export function NumberWidget(p: WidgetProps) {
  const s = p.field.schema;
  const integer = s.type === 'integer';
  return (
    <InputNumber
      {...common(p)}
      style={{ width: '100%' }}
      value={(p.value as number | undefined) ?? null}
      placeholder={p.field.placeholder}
      min={s.minimum}
      max={s.maximum}
      step={s.multipleOf ?? 1}
      precision={integer ? 0 : undefined}
      inputMode={integer ? 'numeric' : 'decimal'}
      onChange={(v) => p.onChange(v ?? undefined)}
    />
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser's offset as ±HH:MM, for `format: time` values (ajv requires a zone). */
function localOffset(date = new Date()): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function toLocalDateTime(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/*
 * Dates and times use the browser's own pickers (through antd's Input): on phones they open the
 * system wheel/calendar, they are keyboard-accessible, and they cost far less to mount than popups.
 */
export function DateWidget(p: WidgetProps) {
  return <Input {...common(p)} type="date" value={(p.value as string | undefined) ?? ''} onChange={(e) => p.onChange(e.target.value || undefined)} />;
}

export function TimeWidget(p: WidgetProps) {
  const zoned = p.field.schema.format === 'time';
  const shown = typeof p.value === 'string' ? p.value.slice(0, 5) : '';
  return (
    <Input
      {...common(p)}
      type="time"
      value={shown}
      onChange={(e) => p.onChange(e.target.value ? (zoned ? `${e.target.value}:00${localOffset()}` : e.target.value) : undefined)}
    />
  );
}

export function DateTimeWidget(p: WidgetProps) {
  return (
    <Input
      {...common(p)}
      type="datetime-local"
      value={toLocalDateTime(p.value)}
      onChange={(e) => p.onChange(e.target.value ? new Date(e.target.value).toISOString() : undefined)}
    />
  );
}

export { common as widgetAria };
