import path from 'node:path';
import { ConfigError, type ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import { ajvIssues } from './ajv';
import { configFileSet, folderSource, mapSource, type ConfigSource } from './config-source';
import { configValidators } from './config-validator';
import { crossCheck } from './cross-check';
import type { DistrictBundle, OrgUnitSpec } from './district-bundle';
import { checkPolygon } from './geometry-check';
import { checkPlugins, type PluginManifest } from './plugin-check';
import type { DistrictConfig, EntityDefinition, GridCollection, OrgUnit, WorkflowDefinition } from './types.generated';

export interface CheckResult {
  bundle?: DistrictBundle;
  issues: ErrorIssue[];
}

/**
 * Reads and validates a district folder: every file against its schema, then the references between
 * them. Collects every problem instead of stopping at the first, so an admin fixes a config in one pass.
 */
export function checkDistrict(dir: string, lang: Lang = 'zh-CN', plugins: PluginManifest[] = []): CheckResult {
  return checkSource(folderSource(dir), { lang, plugins, expectedId: path.basename(path.resolve(dir)) });
}

/**
 * The same check on config files held in memory (a stored version, the studio's draft, an import):
 * paths relative to the district folder, each a parsed JSON value.
 */
export function checkDistrictFiles(
  files: Record<string, unknown>,
  options: { dir: string; expectedId?: string; lang?: Lang; plugins?: PluginManifest[] },
): CheckResult {
  return checkSource(mapSource(files, options.dir), { lang: options.lang ?? 'zh-CN', plugins: options.plugins ?? [], expectedId: options.expectedId });
}

function checkSource(source: ConfigSource, options: { lang: Lang; plugins: PluginManifest[]; expectedId?: string }): CheckResult {
  const { lang, plugins } = options;
  const issues: ErrorIssue[] = [];
  const v = configValidators();
  const shown = (rel: string) => source.display(rel);

  const read = <T>(rel: string): T | undefined => {
    const got = source.read(rel);
    if (got.ok) return got.value as T;
    const display = shown(rel);
    if (got.missing) issues.push({ file: display, path: '/', message: t(lang, 'config.fileMissing', { file: display }), code: 'fileMissing' });
    else issues.push({ file: display, path: '/', message: t(lang, 'config.jsonSyntax', { detail: got.error }), code: 'jsonSyntax' });
    return undefined;
  };
  const validate = (validator: (d: unknown) => boolean, data: unknown, rel: string): boolean => {
    if (validator(data)) return true;
    issues.push(...ajvIssues((validator as unknown as { errors: never }).errors, lang, shown(rel)));
    return false;
  };

  const districtRel = 'district.json';
  const district = read<DistrictConfig>(districtRel);
  if (!district) return { issues };
  if (!validate(v.district, district, districtRel)) return { issues };
  if (options.expectedId !== undefined && district.id !== options.expectedId) {
    issues.push({ file: shown(districtRel), path: '/id', message: t(lang, 'config.folderMismatch', { id: district.id, folder: options.expectedId }), code: 'folderMismatch' });
  }

  const units: OrgUnitSpec[] = [];
  const unitSource = new Map<string, { file: string; pointer: string }>();
  const unitList = read<OrgUnit[]>(district.org.units);
  // Units of a file that breaks its schema still count for references, so one bad polygon does
  // not also report every child of that grid as having an unknown parent.
  if (unitList) {
    validate(v.orgUnits, unitList, district.org.units);
    (Array.isArray(unitList) ? unitList : []).forEach((unit, i) => {
      if (typeof unit?.id !== 'string') return;
      units.push(unit);
      if (!unitSource.has(unit.id)) unitSource.set(unit.id, { file: shown(district.org.units), pointer: `/${i}` });
    });
  }
  if (district.org.grids) {
    const gridsRel = district.org.grids;
    const grids = read<GridCollection>(gridsRel);
    if (grids) {
      validate(v.grids, grids, gridsRel);
      (Array.isArray(grids.features) ? grids.features : []).forEach((feature, i) => {
        if (typeof feature?.properties?.id !== 'string') return;
        issues.push(...checkPolygon(feature.geometry, `/features/${i}/geometry`, shown(gridsRel), lang));
        units.push({ ...feature.properties, geometry: feature.geometry });
        if (!unitSource.has(feature.properties.id)) {
          unitSource.set(feature.properties.id, { file: shown(gridsRel), pointer: `/features/${i}/properties` });
        }
      });
    }
  }

  const loadAll = <T>(files: string[] | undefined, validator: (d: unknown) => boolean) => {
    const out: { doc: T; file: string }[] = [];
    for (const rel of files ?? []) {
      const doc = read<T>(rel);
      if (doc && validate(validator, doc, rel)) out.push({ doc, file: shown(rel) });
    }
    return out;
  };
  const entities = loadAll<EntityDefinition>(district.entities, v.entity);
  const workflows = loadAll<WorkflowDefinition>(district.workflows, v.workflow);

  issues.push(
    ...crossCheck({ lang, district, districtFile: shown(districtRel), units, unitSource, entities, workflows }),
    ...checkPlugins(district, plugins, shown(districtRel), lang),
  );
  if (issues.length) return { issues };
  return {
    issues,
    bundle: { dir: source.dir, district, units, entities: entities.map((e) => e.doc), workflows: workflows.map((w) => w.doc) },
  };
}

/** Like checkDistrict, but throws a ConfigError carrying every issue. */
export function loadDistrict(dir: string, lang: Lang = 'zh-CN', plugins: PluginManifest[] = []): DistrictBundle {
  const { bundle, issues } = checkDistrict(dir, lang, plugins);
  if (!bundle) throw new ConfigError(t(lang, 'config.summary', { dir, count: issues.length }), issues);
  return bundle;
}

/** Reads a district folder into the file map the studio stores: district.json and every file it references. */
export function readDistrictFiles(dir: string): Record<string, unknown> {
  const source = folderSource(dir);
  const out: Record<string, unknown> = {};
  const district = source.read('district.json');
  if (!district.ok) return out;
  out['district.json'] = district.value;
  for (const rel of configFileSet(district.value)) {
    if (rel === 'district.json') continue;
    const got = source.read(rel);
    if (got.ok) out[rel] = got.value;
  }
  return out;
}

/** `file → JSON pointer → message`, one line per issue: the format the CLI and server print. */
export function formatIssues(issues: ErrorIssue[]): string {
  return issues.map((i) => `${i.file ?? '?'} → ${i.path} → ${i.message}`).join('\n');
}
