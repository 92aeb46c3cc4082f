/** A problem in one field or config location: `path` is a JSON pointer into the offending document. */
export interface ErrorIssue {
  path: string;
  message: string;
  /** File the pointer refers to, for config errors. */
  file?: string;
  /** Machine-readable reason (an ajv keyword or our own code). */
  code?: string;
}

const BRAND = Symbol.for('gridwork.error');

/**
 * Base of every domain error. `publicMessage` tells the edge whether the message may be shown to
 * callers; `issues` carries field-level detail so a form can put each message beside its field.
 */
export abstract class GridworkError extends Error {
  abstract readonly kind: 'config' | 'validation' | 'forbidden' | 'unauthorized' | 'conflict' | 'notFound' | 'plugin' | 'tooLarge';
  readonly issues: ErrorIssue[];
  readonly publicMessage = true;
  readonly [BRAND] = true;
  constructor(message: string, issues: ErrorIssue[] = []) {
    super(message);
    this.name = new.target.name;
    this.issues = issues;
  }
}

/**
 * `instanceof` fails when the error comes from another copy of this module: the Next.js server
 * bundles core separately from the process that created the runtime. The brand is global.
 */
export function isGridworkError(e: unknown): e is GridworkError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
