'use client';

import { useEffect } from 'react';
import { useWatch } from 'react-hook-form';
import { Field } from './field';
import type { ComputeSpec, FieldModel } from './form-model';
import { useFormRuntime } from './form-runtime';

export function computeValue(spec: ComputeSpec, inputs: unknown[]): unknown {
  switch (spec.op) {
    case 'sum':
    case 'product': {
      const numbers = inputs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (!numbers.length) return undefined;
      return spec.op === 'sum' ? numbers.reduce((a, b) => a + b, 0) : numbers.reduce((a, b) => a * b, 1);
    }
    case 'count':
      return inputs.reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : v === undefined || v === null || v === '' ? 0 : 1), 0);
    case 'concat': {
      const parts = inputs.filter((v) => v !== undefined && v !== null && v !== '').map(String);
      return parts.length ? parts.join(spec.separator ?? ' ') : undefined;
    }
  }
}

/** A computed field watches only its source fields and writes its value; people cannot edit it. */
export function ComputedField({ field }: { field: FieldModel }) {
  const { control, setValue } = useFormRuntime();
  const spec = field.compute!;
  const inputs = useWatch({ control, name: spec.fields }) as unknown[];
  const value = computeValue(spec, inputs);
  useEffect(() => {
    setValue(field.key, value, { shouldValidate: false, shouldDirty: true });
  }, [setValue, field.key, value]);
  return <Field field={field} name={field.key} />;
}
