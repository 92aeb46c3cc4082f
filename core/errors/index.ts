export { GridworkError, isGridworkError, type ErrorIssue } from './gridwork-error';
export { ConfigError } from './config-error';
export { ValidationError } from './validation-error';
export { ForbiddenError } from './forbidden-error';
export { UnauthorizedError } from './unauthorized-error';
export { ConflictError } from './conflict-error';
export { NotFoundError } from './not-found-error';
export { TooLargeError } from './too-large-error';
export { restError, REST_STATUS } from './rest-response';
