'use client';

import { memo, useSyncExternalStore } from 'react';
import { useWatch } from 'react-hook-form';
import { Field } from './field';
import type { Block, Condition, FieldModel } from './form-model';
import { useFormRuntime } from './form-runtime';
import { ComputedField } from './computed-field';
import { GroupField } from './group-field';
import { onValidatorLoaded, validatorLoaded } from './lazy-validator';

export function FieldBlock({ field }: { field: FieldModel }) {
  if (field.children) return <GroupField field={field} />;
  if (field.compute) return <ComputedField field={field} />;
  return <Field field={field} name={field.key} />;
}

/** A conditional section: watches only its condition fields and mounts its fields while one holds. */
const Section = memo(function Section({ conditions, fields }: { conditions: Condition[]; fields: FieldModel[] }) {
  const { control } = useFormRuntime();
  const deps = [...new Set(conditions.flatMap((c) => c.deps))];
  const watched = useWatch({ control, name: deps }) as unknown[];
  // Conditions beyond the plain-function subset wait for ajv; re-check when it arrives.
  useSyncExternalStore(onValidatorLoaded, validatorLoaded, () => false);
  const values: Record<string, unknown> = {};
  deps.forEach((d, i) => {
    const v = watched[i];
    if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length)) values[d] = v;
  });
  if (!conditions.some((c) => c.test(values))) return null;
  return (
    <div className="gw-section">
      {fields.map((f) => (
        <FieldBlock key={f.key} field={f} />
      ))}
    </div>
  );
});

export function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) =>
        b.kind === 'field' ? <FieldBlock key={b.field.key} field={b.field} /> : <Section key={`${b.id}#${i}`} conditions={b.conditions} fields={b.fields} />,
      )}
    </>
  );
}
