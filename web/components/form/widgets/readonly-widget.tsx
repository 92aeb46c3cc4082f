'use client';

import { formText } from '../form-text';
import { fieldOptions } from '../options';
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
  else if (p.field.schema.format === 'date-time') text = new Date(String(v)).toLocaleString(lang);
  else text = label(v);
  return (
    <output id={p.id} aria-describedby={p.describedBy} className="gw-readonly">
      {text}
    </output>
  );
}
