import type { ValidateFunction } from 'ajv';
import { ajvIssues, createAjv } from '../../../core/config/ajv';
import type { UiLang } from '../../i18n';
import type { FieldIssue, JsonSchema } from './types';

// The server's ajv setup (same keywords, formats and messages), created once per page.
let ajv: ReturnType<typeof createAjv> | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

export function compileSchema(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= createAjv();
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Validates data against the form's schema; issues carry JSON pointers and localized messages. */
export function validateData(schema: JsonSchema, data: Record<string, unknown>, lang: UiLang): FieldIssue[] {
  const validate = compileSchema(schema);
  return validate(data) ? [] : ajvIssues(validate.errors, lang);
}
