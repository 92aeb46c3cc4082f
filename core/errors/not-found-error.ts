import { GridworkError } from './gridwork-error';

/** No such record or resource (or one the actor may not know exists). */
export class NotFoundError extends GridworkError {
  readonly kind = 'notFound' as const;
}
