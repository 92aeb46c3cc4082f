import { GridworkError } from './gridwork-error';

/** A body or file over its size limit (HTTP 413); nothing was stored. */
export class TooLargeError extends GridworkError {
  readonly kind = 'tooLarge' as const;
}
