'use client';

import { memo, Suspense, type ComponentType } from 'react';
import { useController } from 'react-hook-form';
import type { Widget } from './types';
import type { FieldModel } from './form-model';
import { useFormRuntime } from './form-runtime';
import { lazyWidget } from './lazy-widget';
import { ReadonlyWidget } from './widgets/readonly-widget';
import { CheckboxWidget, RadioWidget } from './widgets/toggle-widgets';
import { DateTimeWidget, DateWidget, NumberWidget, TextareaWidget, TextWidget, TimeWidget } from './widgets/text-widgets';
import type { WidgetProps } from './widgets/widget-props';

const choice = () => import('./widgets/choice-widgets');
const pickers = () => import('./widgets/picker-widgets');
const widgets: Partial<Record<Widget, ComponentType<WidgetProps>>> = {
  text: TextWidget,
  textarea: TextareaWidget,
  number: NumberWidget,
  select: lazyWidget(() => choice().then((m) => m.SelectWidget)),
  radio: RadioWidget,
  multiSelect: lazyWidget(() => choice().then((m) => m.MultiSelectWidget)),
  checkbox: CheckboxWidget,
  date: DateWidget,
  time: TimeWidget,
  datetime: DateTimeWidget,
  readonly: ReadonlyWidget,
  photo: lazyWidget(() => import('./widgets/photo-widget').then((m) => m.PhotoWidget)),
  location: lazyWidget(() => import('./widgets/location-widget').then((m) => m.LocationWidget)),
  orgUnit: lazyWidget(() => pickers().then((m) => m.OrgUnitWidget)),
  person: lazyWidget(() => pickers().then((m) => m.PersonWidget)),
};

/** Widgets made of several controls get a fieldset and legend instead of one label. */
const GROUPED = new Set<Widget>(['radio', 'photo', 'location', 'group']);

export function fieldId(formId: string, name: string): string {
  return `${formId}-${name.replace(/\./g, '-')}`;
}

/**
 * One field: subscribes to its own value and state only (useController), so typing elsewhere does
 * not render it again.
 */
export const Field = memo(function Field({ field, name }: { field: FieldModel; name: string }) {
  const runtime = useFormRuntime();
  runtime.onFieldRender?.(name);
  const { field: ctl, fieldState } = useController({ name, control: runtime.control });
  const id = fieldId(runtime.formId, name);
  const error = fieldState.error?.message;
  const Widget = (field.widget === 'readonly' ? ReadonlyWidget : widgets[field.widget]) ?? TextWidget;
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const grouped = GROUPED.has(field.widget) || (field.widget === 'checkbox' && field.schema.type === 'array');
  const ownLabel = field.widget === 'checkbox' && !grouped;
  const label = (
    <>
      {field.label}
      {field.required && (
        // Inputs say it themselves (aria-required); the star is for the eye.
        <span className="gw-required" aria-hidden="true">
          {' *'}
        </span>
      )}
    </>
  );
  const body = (
    <>
      <Suspense fallback={<div className="gw-loading" aria-busy="true" />}>
        <Widget
          field={field}
          name={name}
          id={id}
          value={ctl.value}
          onChange={ctl.onChange}
          onBlur={ctl.onBlur}
          disabled={runtime.readOnly || field.readOnly}
          invalid={Boolean(error)}
          describedBy={describedBy}
          runtime={runtime}
        />
      </Suspense>
      {field.help && (
        <div id={helpId} className="gw-help">
          {field.help}
        </div>
      )}
      {error && (
        <div id={errorId} className="gw-error" role="alert">
          {error}
        </div>
      )}
    </>
  );
  if (grouped) {
    return (
      <fieldset className={`gw-field${error ? ' gw-invalid' : ''}`} data-field={name} aria-describedby={describedBy}>
        <legend className="gw-label">{label}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div className={`gw-field${error ? ' gw-invalid' : ''}`} data-field={name}>
      {!ownLabel && (
        <label className="gw-label" htmlFor={id}>
          {label}
        </label>
      )}
      {body}
    </div>
  );
});
