import { createContext, useContext } from 'react';
import type { Control, UseFormSetValue } from 'react-hook-form';
import type { UiLang } from '../../i18n';
import type { FormModel } from './form-model';
import type { FormContext } from './types';

/** What every field of one form shares; created once per form so fields never re-render for it. */
export interface FormRuntime {
  model: FormModel;
  control: Control<Record<string, unknown>>;
  setValue: UseFormSetValue<Record<string, unknown>>;
  lang: UiLang;
  context: FormContext;
  readOnly: boolean;
  formId: string;
  onFieldRender?: (name: string) => void;
  /** Photo fields count their unfinished uploads here; submission waits for none. */
  pendingUploads: Map<string, number>;
}

export const FormRuntimeContext = createContext<FormRuntime | null>(null);

export function useFormRuntime(): FormRuntime {
  const runtime = useContext(FormRuntimeContext);
  if (!runtime) throw new Error('A form field must be rendered inside <SchemaForm>');
  return runtime;
}
