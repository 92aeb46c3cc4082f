import { expect } from 'vitest';

/** Awaits a promise that must reject with an error of `type`, and returns that error. */
export async function expectError<T extends Error>(promise: Promise<unknown>, type: new (...args: any[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}
