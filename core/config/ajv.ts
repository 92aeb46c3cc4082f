import Ajv2020, { type ErrorObject, type Options } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
// One module per language rather than 'ajv-i18n': the form renderer ships this file to browsers.
import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';
import type { ErrorIssue } from '../errors';
import type { Lang } from '../i18n';

/** The x- keywords an entity's field schema may carry; any other unknown keyword is a config error. */
export const ENTITY_KEYWORDS = {
  'x-index': { type: 'boolean' },
  'x-search': { type: 'boolean' },
  'x-pii': { type: 'string' },
  'x-widget': { type: 'string' },
  'x-renamedFrom': { type: 'string' },
  'x-title-en': { type: 'string' },
  'x-enumLabels': { type: 'object' },
  'x-source': { type: 'string' },
} as const;

/** An ajv for our own documents: strict, every error collected, formats on. */
export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, discriminator: true, ...options });
  addFormats(ajv);
  for (const [keyword, metaSchema] of Object.entries(ENTITY_KEYWORDS)) {
    ajv.addKeyword({ keyword, metaSchema });
  }
  return ajv;
}

/** JSON pointer of the value an ajv error is about (the missing or extra property included). */
export function errorPointer(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${error.instancePath}/${escapePointer(params.missingProperty)}`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${error.instancePath}/${escapePointer(params.additionalProperty)}`;
  }
  if (error.keyword === 'dependentRequired' && typeof params.missingProperty === 'string') {
    return `${error.instancePath}/${escapePointer(params.missingProperty)}`;
  }
  // A key refused by `propertyNames`: point at the key itself, not at the object holding it.
  const propertyName = error.propertyName ?? (error.keyword === 'propertyNames' ? params.propertyName : undefined);
  if (typeof propertyName === 'string') return `${error.instancePath}/${escapePointer(propertyName)}`;
  return error.instancePath || '/';
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Turns ajv errors into issues, localized. Errors from `oneOf`/`anyOf` branches are noisy
 * (every branch reports); we keep the most specific ones and drop the umbrella errors when
 * a branch error points deeper.
 */
export function ajvIssues(errors: ErrorObject[] | null | undefined, lang: Lang, file?: string): ErrorIssue[] {
  if (!errors?.length) return [];
  const copy = errors.map((e) => ({ ...e }));
  if (lang === 'zh-CN') localizeZh(copy);
  else localizeEn(copy);
  const issues: ErrorIssue[] = [];
  const seen = new Set<string>();
  for (const error of copy) {
    const pointer = errorPointer(error);
    let message = error.message ?? error.keyword;
    if (error.keyword === 'additionalProperties') {
      message = lang === 'zh-CN' ? '不允许的属性' : 'property is not allowed';
    } else if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
      message = lang === 'zh-CN' ? '必填' : 'is required';
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
      if (allowed) message += `: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: pointer, message, code: error.keyword, ...(file ? { file } : {}) });
  }
  return issues;
}
