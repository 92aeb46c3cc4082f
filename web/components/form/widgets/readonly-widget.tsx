'use client';

import { formText } from '../form-text';
import { timeInZone } from '../zoned-time';
import { fieldOptions } from '../options';
import { formTimeZone } from './text-widgets';
import type { WidgetProps } from './widget-props';

/** Shows a read-only or computed value as text (an <output>, announced when it changes). */
export function ReadonlyWidget(p: WidgetProps) {
  const { lang, context } = p.runtime;
  const options = fieldOptions(p.field, lang, context);
  const label = (v: unknown) => options.find((o) => o.value === v)?.label ?? String(v);
  const v = p.value;
  let text: string;
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) text = formText(lang, 'form.empty');
  else if (typeof v === 'boolean') text = formText(lang, v ? 'form.yes' : 'form.no');
  else if (Array.isArray(v)) text = v.map(label).join('、');
  else if (typeof v === 'object') text = JSON.stringify(v);
  else if (p.field.schema.format === 'date-time' && !Number.isNaN(new Date(String(v)).getTime()))
    text = new Intl.DateTimeFormat(lang, { timeZone: formTimeZone(p), dateStyle: 'medium', timeStyle: 'short' }).format(new Date(String(v)));
  else if (p.field.schema.format === 'time') text = timeInZone(v, formTimeZone(p)) || String(v);
  else text = label(v);
  return (
    <output id={p.id} aria-describedby={p.describedBy} className="gw-readonly">
      {text}
    </output>
  );
}
