'use client';

import { useFieldArray, useFormState } from 'react-hook-form';
import { Field } from './field';
import type { FieldModel } from './form-model';
import { useFormRuntime } from './form-runtime';
import { formText } from './form-text';

/** A repeating group (array of objects): each item's fields are ordinary fields named key.i.sub. */
export function GroupField({ field }: { field: FieldModel }) {
  const runtime = useFormRuntime();
  const { control, lang } = runtime;
  runtime.onFieldRender?.(field.key);
  const { fields: items, append, remove } = useFieldArray({ control, name: field.key as never });
  const { errors } = useFormState({ control, name: field.key });
  const rootError = (errors[field.key] as { root?: { message?: string } } | undefined)?.root?.message;
  const disabled = runtime.readOnly || field.readOnly;
  const max = field.schema.maxItems ?? Infinity;
  const errorId = `${runtime.formId}-${field.key}-error`;
  return (
    <fieldset className={`gw-field gw-group${rootError ? ' gw-invalid' : ''}`} data-field={field.key} aria-describedby={rootError ? errorId : undefined}>
      <legend className="gw-label">
        {field.label}
        {field.required && (
          <span className="gw-required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </legend>
      {field.help && <div className="gw-help">{field.help}</div>}
      {items.map((item, index) => (
        <fieldset key={item.id} className="gw-group-item">
          <legend>{formText(lang, 'form.group.item', { n: index + 1 })}</legend>
          {field.children!.map((child) => (
            <Field key={child.key} field={child} name={`${field.key}.${index}.${child.key}`} />
          ))}
          {!disabled && (
            <button
              type="button"
              className="gw-btn gw-btn-danger"
              onClick={() => remove(index)}
              aria-label={`${formText(lang, 'form.group.remove')} ${index + 1}`}
            >
              {formText(lang, 'form.group.remove')}
            </button>
          )}
        </fieldset>
      ))}
      {!disabled && items.length < max && (
        <button type="button" className="gw-btn" onClick={() => append({} as never)}>
          {formText(lang, 'form.group.add')}
        </button>
      )}
      {rootError && (
        <div id={errorId} className="gw-error" role="alert">
          {rootError}
        </div>
      )}
    </fieldset>
  );
}
