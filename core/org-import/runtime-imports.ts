import type { Runtime } from '../runtime';
import { OrgImports } from './org-imports';

// On the runtime object under a global symbol, not in a module-level map: Next.js bundles route
// handlers separately, so the upload route and the tRPC route may each hold their own copy of this
// module, while the runtime (shared through globalThis) is one.
const KEY = Symbol.for('gridwork.orgImports');
type Holder = { [KEY]?: OrgImports };

/** The imports of one runtime (in this process), writing into that runtime's studio draft. */
export function orgImportsFor(runtime: Runtime): OrgImports {
  const holder = runtime as unknown as Holder;
  holder[KEY] ??= new OrgImports(() => runtime.studio);
  return holder[KEY];
}
