import type { FieldModel } from '../form-model';
import type { FormRuntime } from '../form-runtime';

/** What the field hands its widget: a controlled value plus what ties it to label, help and error. */
export interface WidgetProps {
  field: FieldModel;
  name: string;
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  onBlur: () => void;
  disabled: boolean;
  invalid: boolean;
  describedBy?: string;
  runtime: FormRuntime;
}
