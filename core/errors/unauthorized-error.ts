import { GridworkError } from './gridwork-error';

/** No valid session or key. */
export class UnauthorizedError extends GridworkError {
  readonly kind = 'unauthorized' as const;
}
