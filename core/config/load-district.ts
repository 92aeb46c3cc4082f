import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import { ajvIssues } from './ajv';
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
  const issues: ErrorIssue[] = [];
  const v = configValidators();
  const shown = (file: string) => path.relative(process.cwd(), file) || file;

  const read = <T>(file: string): T | undefined => {
    const display = shown(file);
    if (!existsSync(file)) {
      issues.push({ file: display, path: '/', message: t(lang, 'config.fileMissing', { file: display }), code: 'fileMissing' });
      return undefined;
    }
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (e) {
      issues.push({ file: display, path: '/', message: t(lang, 'config.jsonSyntax', { detail: (e as Error).message }), code: 'jsonSyntax' });
      return undefined;
    }
  };
  const validate = (validator: (d: unknown) => boolean, data: unknown, file: string): boolean => {
    if (validator(data)) return true;
    issues.push(...ajvIssues((validator as unknown as { errors: never }).errors, lang, shown(file)));
    return false;
  };

  const districtFile = path.join(dir, 'district.json');
  const district = read<DistrictConfig>(districtFile);
  if (!district) return { issues };
  if (!validate(v.district, district, districtFile)) return { issues };
  const folder = path.basename(path.resolve(dir));
  if (district.id !== folder) {
    issues.push({ file: shown(districtFile), path: '/id', message: t(lang, 'config.folderMismatch', { id: district.id, folder }), code: 'folderMismatch' });
  }

  const units: OrgUnitSpec[] = [];
  const unitSource = new Map<string, { file: string; pointer: string }>();
  const unitsFile = path.join(dir, district.org.units);
  const unitList = read<OrgUnit[]>(unitsFile);
  // Units of a file that breaks its schema still count for references, so one bad polygon does
  // not also report every child of that grid as having an unknown parent.
  if (unitList) {
    validate(v.orgUnits, unitList, unitsFile);
    (Array.isArray(unitList) ? unitList : []).forEach((unit, i) => {
      if (typeof unit?.id !== 'string') return;
      units.push(unit);
      if (!unitSource.has(unit.id)) unitSource.set(unit.id, { file: shown(unitsFile), pointer: `/${i}` });
    });
  }
  if (district.org.grids) {
    const gridsFile = path.join(dir, district.org.grids);
    const grids = read<GridCollection>(gridsFile);
    if (grids) {
      validate(v.grids, grids, gridsFile);
      (Array.isArray(grids.features) ? grids.features : []).forEach((feature, i) => {
        if (typeof feature?.properties?.id !== 'string') return;
        issues.push(...checkPolygon(feature.geometry, `/features/${i}/geometry`, shown(gridsFile), lang));
        units.push({ ...feature.properties, geometry: feature.geometry });
        if (!unitSource.has(feature.properties.id)) {
          unitSource.set(feature.properties.id, { file: shown(gridsFile), pointer: `/features/${i}/properties` });
        }
      });
    }
  }

  const loadAll = <T>(files: string[] | undefined, validator: (d: unknown) => boolean) => {
    const out: { doc: T; file: string }[] = [];
    for (const rel of files ?? []) {
      const file = path.join(dir, rel);
      const doc = read<T>(file);
      if (doc && validate(validator, doc, file)) out.push({ doc, file: shown(file) });
    }
    return out;
  };
  const entities = loadAll<EntityDefinition>(district.entities, v.entity);
  const workflows = loadAll<WorkflowDefinition>(district.workflows, v.workflow);

  issues.push(
    ...crossCheck({ lang, district, districtFile: shown(districtFile), units, unitSource, entities, workflows }),
    ...checkPlugins(district, plugins, shown(districtFile), lang),
  );
  if (issues.length) return { issues };
  return {
    issues,
    bundle: { dir, district, units, entities: entities.map((e) => e.doc), workflows: workflows.map((w) => w.doc) },
  };
}

/** Like checkDistrict, but throws a ConfigError carrying every issue. */
export function loadDistrict(dir: string, lang: Lang = 'zh-CN', plugins: PluginManifest[] = []): DistrictBundle {
  const { bundle, issues } = checkDistrict(dir, lang, plugins);
  if (!bundle) throw new ConfigError(t(lang, 'config.summary', { dir, count: issues.length }), issues);
  return bundle;
}

/** `file → JSON pointer → message`, one line per issue: the format the CLI and server print. */
export function formatIssues(issues: ErrorIssue[]): string {
  return issues.map((i) => `${i.file ?? '?'} → ${i.path} → ${i.message}`).join('\n');
}
