'use client';

import { Checkbox, Radio, Select } from 'antd';
import { formText } from '../form-text';
import { fieldOptions } from '../options';
import type { WidgetProps } from './widget-props';
import { widgetAria } from './text-widgets';

export function SelectWidget(p: WidgetProps) {
  const options = fieldOptions(p.field, p.runtime.lang, p.runtime.context);
  return (
    <Select
      {...widgetAria(p)}
      style={{ width: '100%' }}
      value={p.value ?? undefined}
      options={options}
      allowClear={!p.field.required}
      showSearch={options.length > 8 ? { optionFilterProp: 'label' } : undefined}
      placeholder={p.field.placeholder ?? formText(p.runtime.lang, 'form.select')}
      onChange={(v) => p.onChange(v ?? undefined)}
    />
  );
}

export function MultiSelectWidget(p: WidgetProps) {
  const options = fieldOptions(p.field, p.runtime.lang, p.runtime.context);
  return (
    <Select
      {...widgetAria(p)}
      mode={options.length ? 'multiple' : 'tags'}
      style={{ width: '100%' }}
      value={(p.value as unknown[] | undefined) ?? []}
      options={options}
      placeholder={p.field.placeholder ?? formText(p.runtime.lang, 'form.select')}
      onChange={(v) => p.onChange(v)}
    />
  );
}

export function RadioWidget(p: WidgetProps) {
  const options = fieldOptions(p.field, p.runtime.lang, p.runtime.context);
  return (
    <Radio.Group
      id={p.id}
      disabled={p.disabled}
      value={p.value}
      aria-describedby={p.describedBy}
      onChange={(e) => p.onChange(e.target.value)}
      options={options}
      optionType="button"
      onBlur={p.onBlur}
    />
  );
}

export function CheckboxWidget(p: WidgetProps) {
  if (p.field.schema.type === 'array') {
    return (
      <Checkbox.Group
        disabled={p.disabled}
        value={(p.value as (string | number)[] | undefined) ?? []}
        options={fieldOptions(p.field, p.runtime.lang, p.runtime.context)}
        onChange={(v) => p.onChange(v)}
      />
    );
  }
  return (
    <Checkbox
      id={p.id}
      disabled={p.disabled}
      checked={p.value === true}
      aria-describedby={p.describedBy}
      aria-invalid={p.invalid || undefined}
      onBlur={p.onBlur}
      onChange={(e) => p.onChange(e.target.checked)}
    >
      {p.field.label}
    </Checkbox>
  );
}
