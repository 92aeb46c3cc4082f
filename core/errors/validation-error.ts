import { GridworkError } from './gridwork-error';

/** Input that breaks a schema or rule; nothing was written. */
export class ValidationError extends GridworkError {
  readonly kind = 'validation' as const;
}
