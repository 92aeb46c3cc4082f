import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { createRoot } from 'react-dom/client';
import { benchSchema, drive } from './bench-schema';

(window as any).__pageStart = performance.now();
const { schema, value, uiWidgets } = benchSchema();
const uiSchema = Object.fromEntries(Object.entries(uiWidgets).map(([k, w]) => [k, { 'ui:widget': w }]));
createRoot(document.getElementById('root')!).render(
  <Form schema={schema} uiSchema={uiSchema} formData={value} validator={validator} onSubmit={() => undefined} />,
);
drive({ firstInput: '#root_text1', typedInput: '#root_text10', lastInput: '#root_cond20b', label: 'rjsf' });
