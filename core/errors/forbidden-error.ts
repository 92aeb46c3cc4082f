import { GridworkError } from './gridwork-error';

/** The actor may not do this. */
export class ForbiddenError extends GridworkError {
  readonly kind = 'forbidden' as const;
}
