import { createRuntime, type Runtime } from './create-runtime';
import { optionsFromEnv } from './runtime-options';

const KEY = Symbol.for('gridwork.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

/**
 * The process-wide runtime. Kept on globalThis because Next.js bundles route handlers separately
 * from the server that starts them: module-level singletons would exist twice.
 */
export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    holder[KEY] = createRuntime(optionsFromEnv()).catch((e) => {
      delete holder[KEY];
      throw e;
    });
  }
  return holder[KEY]!;
}

export function setRuntime(runtime: Runtime): void {
  (globalThis as Holder)[KEY] = Promise.resolve(runtime);
}
