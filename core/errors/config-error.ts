import { GridworkError } from './gridwork-error';

/** The configuration is invalid (start-up refuses it). */
export class ConfigError extends GridworkError {
  readonly kind = 'config' as const;
}
