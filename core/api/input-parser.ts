import type { JSONSchemaType } from 'ajv';
import { ajvIssues, createAjv } from '../config';
import { ValidationError } from '../errors';
import { t as translate } from '../i18n';

const ajv = createAjv({ coerceTypes: false, useDefaults: true });

/**
 * A tRPC input parser from a JSON Schema: any `(input: unknown) => T` is a valid parser, so the
 * same ajv that validates records validates procedure inputs, with field-level issues.
 */
export function schemaInput<T>(schema: JSONSchemaType<T> | Record<string, unknown>): (input: unknown) => T {
  const validate = ajv.compile(schema as Record<string, unknown>);
  return (input: unknown) => {
    if (validate(input)) return input as T;
    const issues = ajvIssues(validate.errors, 'zh-CN');
    throw new ValidationError(translate('zh-CN', 'validation.failed', { count: issues.length }), issues);
  };
}
