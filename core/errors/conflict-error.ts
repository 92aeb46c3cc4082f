import { GridworkError } from './gridwork-error';

/** The record changed since it was read (stale version) or the operation clashes with current state. */
export class ConflictError extends GridworkError {
  readonly kind = 'conflict' as const;
}
