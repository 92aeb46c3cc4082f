'use client';

import { useEffect, useState } from 'react';
import { fromZonedInput, timeInZone, timeWithZone, toZonedInput } from '../zoned-time';
import type { WidgetProps } from './widget-props';

/*
 * Text-like fields are native controls styled like antd's (see form-styles.ts): a form's first
 * screen then needs no component library code at all (the ≥ 2× faster-than-rjsf target), dates
 * and times open the phone's own pickers, and each keeps its label, focus and keyboard behaviour.
 * Selects, trees, pickers, uploads and maps are antd components loaded with their widgets.
 */
export function widgetAria(p: WidgetProps) {
  return {
    id: p.id,
    disabled: p.disabled,
    onBlur: p.onBlur,
    'aria-invalid': p.invalid || undefined,
    'aria-describedby': p.describedBy,
    'aria-required': p.field.required || undefined,
  };
}

export function TextWidget(p: WidgetProps) {
  return (
    <input
      {...widgetAria(p)}
      className="gw-input"
      type="text"
      value={(p.value as string | undefined) ?? ''}
      placeholder={p.field.placeholder}
      maxLength={p.field.schema.maxLength}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}

export function TextareaWidget(p: WidgetProps) {
  const max = p.field.schema.maxLength;
  const text = (p.value as string | undefined) ?? '';
  return (
    <>
      <textarea
        {...widgetAria(p)}
        className="gw-input"
        rows={3}
        value={text}
        placeholder={p.field.placeholder}
        maxLength={max}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {max !== undefined && (
        <div className="gw-count" aria-hidden="true">
          {[...text].length} / {max}
        </div>
      )}
    </>
  );
}

/** Numbers keep the typed text (e.g. "1." on the way to "1.5") and hand the form a number. */
export function NumberWidget(p: WidgetProps) {
  const s = p.field.schema;
  const integer = s.type === 'integer';
  const [text, setText] = useState(() => (typeof p.value === 'number' ? String(p.value) : ''));
  useEffect(() => {
    setText((t) =>
      p.value === undefined || p.value === null ? (t.trim() === '' || Number.isNaN(Number(t)) ? t : '') : Number(t) === p.value ? t : String(p.value),
    );
  }, [p.value]);
  return (
    <input
      {...widgetAria(p)}
      className="gw-input"
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      value={text}
      placeholder={p.field.placeholder}
      onChange={(e) => {
        const raw = e.target.value;
        setText(raw);
        const n = Number(raw.trim().replace(/,/g, ''));
        // Not a number yet: the raw text goes to the form, so validation names the problem.
        p.onChange(raw.trim() === '' ? undefined : Number.isNaN(n) ? raw : n);
      }}
    />
  );
}

/** The district's zone (FormContext.timeZone); the browser's own when the page gives none. */
export function formTimeZone(p: WidgetProps): string {
  return p.runtime.context.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function DateWidget(p: WidgetProps) {
  return (
    <input
      {...widgetAria(p)}
      className="gw-input"
      type="date"
      value={(p.value as string | undefined) ?? ''}
      onChange={(e) => p.onChange(e.target.value || undefined)}
    />
  );
}

export function TimeWidget(p: WidgetProps) {
  // A `format: time` value carries an offset (ajv requires one): shown and entered on the district's clock.
  const zoned = p.field.schema.format === 'time';
  const zone = formTimeZone(p);
  const shown = typeof p.value === 'string' ? (zoned ? timeInZone(p.value, zone) : p.value.slice(0, 5)) : '';
  return (
    <input
      {...widgetAria(p)}
      className="gw-input"
      type="time"
      value={shown}
      onChange={(e) => p.onChange(e.target.value ? (zoned ? timeWithZone(e.target.value, zone) : e.target.value) : undefined)}
    />
  );
}

export function DateTimeWidget(p: WidgetProps) {
  // The instant is stored in UTC; the input shows and takes the district's wall clock, not the browser's.
  const zone = formTimeZone(p);
  return (
    <input
      {...widgetAria(p)}
      className="gw-input"
      type="datetime-local"
      value={toZonedInput(p.value, zone)}
      onChange={(e) => p.onChange(e.target.value ? (fromZonedInput(e.target.value, zone) ?? e.target.value) : undefined)}
    />
  );
}
