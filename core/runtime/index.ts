export { createRuntime, type Runtime, type StartupReport } from './create-runtime';
export { optionsFromEnv, sqliteFileFor, type RuntimeOptions } from './runtime-options';
export { getRuntime, setRuntime } from './shared-runtime';
export { repoRoot } from './paths';
export { readMeta, writeMeta } from './meta';
