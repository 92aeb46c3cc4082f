import type { JsonSchema } from './types';

type ValidatorModule = typeof import('./schema-validator');

let loaded: ValidatorModule | undefined;
let loading: Promise<ValidatorModule> | undefined;
const listeners = new Set<() => void>();

/**
 * ajv (with formats and messages) is a large module that a form needs only when it validates;
 * it loads in its own chunk after the first screen, and every validation awaits it.
 */
export function loadValidator(): Promise<ValidatorModule> {
  return (loading ??= import('./schema-validator').then((m) => {
    loaded = m;
    for (const l of listeners) l();
    return m;
  }));
}

export function validatorLoaded(): boolean {
  return loaded !== undefined;
}

export function onValidatorLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A condition ajv must decide: false until ajv is in (sections re-check when it arrives). */
export function ajvTest(schema: JsonSchema): (value: unknown) => boolean {
  return (value) => {
    if (!loaded) {
      void loadValidator();
      return false;
    }
    return loaded.compileSchema(schema)(value) === true;
  };
}
