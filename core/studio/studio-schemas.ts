import { readSchemas, type SchemaFile } from '../config/schema-files';
import type { ConfigFileKind } from './config-kinds';

const FILE_OF: Record<ConfigFileKind, SchemaFile> = {
  district: 'district.schema.json',
  entity: 'entity.schema.json',
  workflow: 'workflow.schema.json',
  units: 'org-units.schema.json',
  grids: 'grids.schema.json',
};

let cached: Record<ConfigFileKind, object> | undefined;

/**
 * The config schemas per kind for an editor's completion, each self-contained: the common
 * definitions are copied in under `$defs` as `common.<Name>` and references rewritten to them, so
 * an editor resolves every `$ref` without fetching.
 */
export function studioSchemas(): Record<ConfigFileKind, object> {
  if (cached) return cached;
  const schemas = readSchemas();
  const common = (schemas['common.schema.json'].$defs ?? {}) as Record<string, unknown>;
  const rewrite = (node: unknown, local: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, local));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const m = /^common\.schema\.json#\/\$defs\/(.+)$/.exec(v);
        if (m) out[k] = `#/$defs/common.${m[1]}`;
        else if (local && v.startsWith('#/$defs/')) out[k] = `#/$defs/common.${v.slice('#/$defs/'.length)}`;
        else out[k] = v;
      } else out[k] = rewrite(v, local);
    }
    return out;
  };
  const commonDefs = Object.fromEntries(Object.entries(common).map(([name, def]) => [`common.${name}`, rewrite(def, true)]));
  const result = {} as Record<ConfigFileKind, object>;
  for (const [kind, file] of Object.entries(FILE_OF) as [ConfigFileKind, SchemaFile][]) {
    const { $id: _id, ...schema } = rewrite(schemas[file], false) as Record<string, unknown>;
    result[kind] = { ...schema, $defs: { ...((schema.$defs as object) ?? {}), ...commonDefs } };
  }
  cached = result;
  return result;
}
