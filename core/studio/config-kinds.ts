import { ajvIssues } from '../config';
import { configValidators } from '../config/config-validator';
import type { ErrorIssue } from '../errors';
import type { Lang } from '../i18n';

export type ConfigFileKind = 'district' | 'entity' | 'workflow' | 'units' | 'grids';
export const CONFIG_FILE_KINDS: ConfigFileKind[] = ['district', 'entity', 'workflow', 'units', 'grids'];

/**
 * A file's kind from the district.json that references it; a file not referenced yet is known by
 * its folder (a new entity or workflow saved before district.json lists it).
 */
export function kindOf(path: string, district: unknown): ConfigFileKind | undefined {
  if (path === 'district.json') return 'district';
  const d = (district ?? {}) as { org?: { units?: string; grids?: string }; entities?: string[]; workflows?: string[] };
  if (d.org?.units === path) return 'units';
  if (d.org?.grids === path) return 'grids';
  if (Array.isArray(d.entities) && d.entities.includes(path)) return 'entity';
  if (Array.isArray(d.workflows) && d.workflows.includes(path)) return 'workflow';
  if (/^entities\/[\w.-]+\.json$/.test(path)) return 'entity';
  if (/^workflows\/[\w.-]+\.json$/.test(path)) return 'workflow';
  return undefined;
}

/** A file checked against its kind's schema alone; issues carry JSON pointers into the file. */
export function validateKind(kind: ConfigFileKind, content: unknown, file: string, lang: Lang): ErrorIssue[] {
  const v = configValidators();
  const validator = { district: v.district, entity: v.entity, workflow: v.workflow, units: v.orgUnits, grids: v.grids }[kind];
  if (validator(content)) return [];
  return ajvIssues(validator.errors, lang, file);
}

/** The name an entity or workflow file declares, for lists. */
export function declaredName(kind: ConfigFileKind, content: unknown): string | undefined {
  if (kind !== 'entity' && kind !== 'workflow') return undefined;
  const name = (content as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}
