'use client';

import Select from 'antd/es/select';
import { formText } from '../form-text';
import { fieldOptions } from '../options';
import { AntdLocale } from './antd-locale';
import type { WidgetProps } from './widget-props';
import { widgetAria } from './text-widgets';

export function SelectWidget(p: WidgetProps) {
  const options = fieldOptions(p.field, p.runtime.lang, p.runtime.context);
  return (
    <AntdLocale lang={p.runtime.lang}>
      <Select
        {...widgetAria(p)}
        status={p.invalid ? 'error' : undefined}
        style={{ width: '100%' }}
        value={p.value ?? undefined}
        options={options}
        allowClear={!p.field.required}
        showSearch={options.length > 8 ? { optionFilterProp: 'label' } : undefined}
        placeholder={p.field.placeholder ?? formText(p.runtime.lang, 'form.select')}
        onChange={(v) => p.onChange(v ?? undefined)}
      />
    </AntdLocale>
  );
}

export function MultiSelectWidget(p: WidgetProps) {
  const options = fieldOptions(p.field, p.runtime.lang, p.runtime.context);
  return (
    <AntdLocale lang={p.runtime.lang}>
      <Select
        {...widgetAria(p)}
        status={p.invalid ? 'error' : undefined}
        mode={options.length ? 'multiple' : 'tags'}
        style={{ width: '100%' }}
        value={(p.value as unknown[] | undefined) ?? []}
        options={options}
        placeholder={p.field.placeholder ?? formText(p.runtime.lang, 'form.select')}
        onChange={(v) => p.onChange(v)}
      />
    </AntdLocale>
  );
}
