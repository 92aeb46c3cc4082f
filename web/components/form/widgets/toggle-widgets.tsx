'use client';

import { fieldOptions } from '../options';
import type { WidgetProps } from './widget-props';
import { widgetAria } from './text-widgets';

function ChoiceList(p: WidgetProps & { type: 'radio' | 'checkbox'; isChecked: (v: unknown) => boolean; toggle: (v: unknown, on: boolean) => void }) {
  const options = fieldOptions(p.field, p.runtime.lang, p.runtime.context);
  return (
    <div
      className="gw-choices"
      role={p.type === 'radio' ? 'radiogroup' : undefined}
      aria-describedby={p.describedBy}
      aria-invalid={p.invalid || undefined}
      aria-required={(p.type === 'radio' && p.field.required) || undefined}
    >
      {options.map((o, i) => (
        <label key={String(o.value)} className="gw-choice">
          <input
            type={p.type}
            id={i === 0 ? p.id : undefined}
            name={p.id}
            disabled={p.disabled}
            checked={p.isChecked(o.value)}
            onChange={(e) => p.toggle(o.value, e.target.checked)}
            onBlur={p.onBlur}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** Radio buttons: native, in the field's fieldset, so arrow keys move between them. */
export function RadioWidget(p: WidgetProps) {
  return <ChoiceList {...p} type="radio" isChecked={(v) => p.value === v} toggle={(v) => p.onChange(v)} />;
}

/** A boolean as one checkbox (its label is the field's), or an enum array as a checkbox list. */
export function CheckboxWidget(p: WidgetProps) {
  if (p.field.schema.type === 'array') {
    const chosen = (p.value as unknown[] | undefined) ?? [];
    const options = fieldOptions(p.field, p.runtime.lang, p.runtime.context);
    return (
      <ChoiceList
        {...p}
        type="checkbox"
        isChecked={(v) => chosen.includes(v)}
        // Keep the options' order, whatever the order of clicks.
        toggle={(v, on) =>
          p.onChange(on ? options.filter((o) => o.value === v || chosen.includes(o.value)).map((o) => o.value) : chosen.filter((c) => c !== v))
        }
      />
    );
  }
  return (
    <label className="gw-choice">
      <input type="checkbox" {...widgetAria(p)} checked={p.value === true} onChange={(e) => p.onChange(e.target.checked)} />
      {p.field.label}
    </label>
  );
}
