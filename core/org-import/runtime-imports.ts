import type { Runtime } from '../runtime';
import { ImportStatusStore } from './import-status-store';
import { OrgImports, type DraftAccess, type OrgImportsDeps } from './org-imports';

// On the runtime object under a global symbol, not in a module-level map: Next.js bundles route
// handlers separately, so the upload route and the tRPC route may each hold their own copy of this
// module, while the runtime (shared through globalThis) is one. Either copy reads status from the
// database, so a poll answers wherever it lands.
const KEY = Symbol.for('gridwork.orgImports');
type Holder = { [KEY]?: OrgImports };

/** The imports of one runtime (in this process), writing into that runtime's studio draft. */
export function orgImportsFor(runtime: Runtime): OrgImports {
  const holder = runtime as unknown as Holder;
  holder[KEY] ??= createOrgImports(runtime);
  return holder[KEY];
}

/** Imports over a runtime's database and district; `drafts` (tests) stands in for its studio. */
export function createOrgImports(runtime: Runtime, options: { drafts?: () => DraftAccess; writer?: OrgImportsDeps['writer'] } = {}): OrgImports {
  return new OrgImports({
    drafts: options.drafts ?? (() => runtime.studio),
    statuses: new ImportStatusStore(() => runtime.db, () => runtime.now()),
    district: () => runtime.bundle.district.id,
    owner: runtime.scheduler.instanceId,
    writer: options.writer,
  });
}
