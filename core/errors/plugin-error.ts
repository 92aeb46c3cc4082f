import { GridworkError } from './gridwork-error';

/**
 * A plugin's hook or handler failed. The message names the plugin and the hook, so the caller
 * knows the write was refused by an extension (and rolled back), not by the platform itself.
 */
export class PluginError extends GridworkError {
  readonly kind = 'plugin' as const;
  constructor(
    message: string,
    readonly plugin: string,
    readonly hook: string,
    options: { cause?: unknown } = {},
  ) {
    super(message);
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
