import { ajvIssues, createAjv } from '../config';
import { ValidationError } from '../errors';
import { t, type Lang } from '../i18n';

const ajv = createAjv({ useDefaults: true, strict: false });

/**
 * A validator for a plugin's own inputs (REST bodies, CSV rows): returns the data (defaults
 * filled in) or throws a ValidationError whose issues name each field and why.
 */
export function createValidator<T>(schema: Record<string, unknown>): (data: unknown, lang: Lang, prefix?: string) => T {
  const validate = ajv.compile(schema);
  return (data, lang, prefix = '') => {
    const copy = structuredClone(data);
    if (validate(copy)) return copy as T;
    // An if/then failure reports the umbrella 'if' as well as the field: keep the field.
    const issues = ajvIssues(validate.errors, lang).filter((i) => i.code !== 'if').map((i) => ({ ...i, path: `${prefix}${i.path === '/' && prefix ? '' : i.path}` }));
    throw new ValidationError(t(lang, 'validation.failed', { count: issues.length }), issues);
  };
}
