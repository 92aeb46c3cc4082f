import type { ValidateFunction } from 'ajv';
import { ajvIssues } from '../config/ajv';
import { configValidators } from '../config/config-validator';
import { checkPolygon } from '../config/geometry-check';
import type { DistrictConfig, GridFeature, MultiPolygon, OrgUnit, Polygon } from '../config/types.generated';
import { t, type Lang } from '../i18n';
import { rowFields, rowId, type ImportProgress, type ImportRow, type OrgImportKind, type Rejection } from './import-rows';

/** The district's org as the import finds it (the draft's files, else the active version's). */
export interface OrgImportBase {
  district: DistrictConfig;
  units: OrgUnit[];
  grids: GridFeature[];
  /** File names for messages (`org/units.json`). */
  unitsFile: string;
  gridsFile: string;
}

export interface CheckedImport {
  total: number;
  /** Accepted rows' documents, in file order: OrgUnits or grid Features. */
  accepted: Record<string, unknown>[];
  rejections: Rejection[];
}

export interface CheckOptions {
  lang: Lang;
  onProgress?: (p: ImportProgress) => void;
  /** Rows validated between two yields to the event loop (progress polls are answered meanwhile). */
  chunk?: number;
}

const GRID_KINDS = new Set(['grid', 'microGrid', 'dedicatedGrid']);
// Kinds that form the administrative hierarchy, whose levels must go down the tree.
const HIERARCHY_KINDS = new Set(['area', 'grid', 'microGrid', 'dedicatedGrid', 'building']);

const validators = new Map<OrgImportKind, ValidateFunction>();

/** The schema of one stored item: an OrgUnit of org-units.schema.json, a GridFeature of grids.schema.json. */
function itemValidator(kind: OrgImportKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    const ref = kind === 'units' ? 'https://gridwork.dev/schema/org-units.schema.json#/$defs/OrgUnit' : 'https://gridwork.dev/schema/grids.schema.json#/$defs/GridFeature';
    v = configValidators().ajv.compile({ $ref: ref });
    validators.set(kind, v);
  }
  return v;
}

/** `/properties/name` → `name`, `/geometry/coordinates/0` → `geometry/coordinates/0`. */
function fieldOf(pointer: string): string {
  return pointer.replace(/^\/properties(?=\/|$)/, '').replace(/^\//, '') || '/';
}

interface TreeNode {
  parent?: string;
  level: string;
  kind: string;
}

/**
 * Checks every row of an import against what the district's config would hold after it: each
 * row's schema (by field), its polygon, its level and kind against the district's levels, unique
 * ids, and its place in the tree (parent exists — possibly as another row of the same file —, no
 * cycle, levels go down). A row whose parent is rejected is rejected too, so what is accepted is
 * always a consistent tree.
 */
export async function checkOrgImport(kind: OrgImportKind, rows: ImportRow[], base: OrgImportBase, options: CheckOptions): Promise<CheckedImport> {
  const { lang } = options;
  const chunk = options.chunk ?? 1000;
  const validate = itemValidator(kind);
  await new Promise((resolve) => setImmediate(resolve));
  const levels = new Map(base.district.orgLevels.map((l, i) => [l.key, { index: i, isGrid: !!l.isGrid }]));
  const districtMarksGrids = base.district.orgLevels.some((l) => l.isGrid);
  const ownFile = kind === 'units' ? base.unitsFile : base.gridsFile;
  const otherFile = kind === 'units' ? base.gridsFile : base.unitsFile;
  const otherIds = new Set(kind === 'units' ? base.grids.map((f) => f.properties.id) : base.units.map((u) => u.id));

  const reasons = new Map<number, string[]>(); // index → reasons
  const firstRow = new Map<string, number>();
  const reject = (i: number, reason: string) => {
    const list = reasons.get(i);
    if (list) list.push(reason);
    else reasons.set(i, [reason]);
  };

  for (let i = 0; i < rows.length; i++) {
    const { doc, reasons: early } = rows[i];
    for (const r of early) reject(i, r);
    if (!validate(doc)) {
      for (const issue of ajvIssues(validate.errors, lang)) reject(i, t(lang, 'orgImport.field', { field: fieldOf(issue.path), message: issue.message }));
    }
    if (kind === 'grids' && doc.geometry && typeof doc.geometry === 'object') {
      for (const issue of checkPolygon(doc.geometry as Polygon | MultiPolygon, '/geometry', ownFile, lang)) {
        reject(i, t(lang, 'orgImport.field', { field: fieldOf(issue.path), message: issue.message }));
      }
    }
    const fields = rowFields(kind, doc);
    if (typeof fields.level === 'string') {
      const level = levels.get(fields.level);
      if (!level) reject(i, t(lang, 'orgImport.unknownLevel', { level: fields.level }));
      else if (kind === 'grids' && districtMarksGrids && !level.isGrid) reject(i, t(lang, 'orgImport.levelNotGrid', { level: fields.level }));
    }
    if (kind === 'units' && typeof fields.kind === 'string' && GRID_KINDS.has(fields.kind)) reject(i, t(lang, 'orgImport.gridKindInUnits', { kind: fields.kind }));
    const id = rowId(kind, doc);
    if (id) {
      const first = firstRow.get(id);
      if (first !== undefined) reject(i, t(lang, 'orgImport.duplicateId', { id, first: rows[first].row }));
      else firstRow.set(id, i);
      if (otherIds.has(id)) reject(i, t(lang, 'orgImport.idInOtherFile', { id, file: otherFile }));
    }
    if ((i + 1) % chunk === 0) {
      options.onProgress?.({ phase: 'validating', processed: i + 1, total: rows.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  // The tree after the import: existing units and grids, overlaid by the rows still standing.
  const existing = new Map<string, TreeNode>();
  for (const u of base.units) existing.set(u.id, { parent: u.parent, level: u.level, kind: u.kind });
  for (const f of base.grids) existing.set(f.properties.id, { parent: f.properties.parent, level: f.properties.level, kind: f.properties.kind });
  const tree = new Map(existing);
  const standing = new Set<number>();
  const nodeOf = (i: number): TreeNode => {
    const f = rowFields(kind, rows[i].doc);
    return { parent: f.parent as string | undefined, level: f.level as string, kind: f.kind as string };
  };
  const rejectedIds = new Set<string>();
  rows.forEach((row, i) => {
    if (reasons.has(i)) {
      const id = rowId(kind, row.doc);
      if (id && firstRow.get(id) === i) rejectedIds.add(id);
      return;
    }
    standing.add(i);
    tree.set(rowId(kind, row.doc)!, nodeOf(i));
  });
  const fall = (i: number, reason: string) => {
    reject(i, reason);
    standing.delete(i);
    const id = rowId(kind, rows[i].doc)!;
    rejectedIds.add(id);
    const before = existing.get(id);
    if (before) tree.set(id, before);
    else tree.delete(id);
  };
  const existingRoot = base.units.find((u) => !u.parent)?.id;
  const parentless = [...standing].filter((i) => !nodeOf(i).parent);

  let walked = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const i of [...standing]) {
      if (++walked % chunk === 0) await new Promise((resolve) => setImmediate(resolve));
      const id = rowId(kind, rows[i].doc)!;
      const node = nodeOf(i);
      if (!node.parent) {
        const root = existingRoot ?? (parentless.length === 1 ? id : undefined);
        if (root !== id) {
          fall(i, t(lang, 'orgImport.secondRoot', { root: root ?? existingRoot ?? '?' }));
          changed = true;
        }
        continue;
      }
      const parent = tree.get(node.parent);
      if (!parent) {
        fall(i, t(lang, rejectedIds.has(node.parent) ? 'orgImport.parentRejected' : 'orgImport.unknownParent', { parent: node.parent }));
        changed = true;
        continue;
      }
      const own = levels.get(node.level)?.index;
      const above = levels.get(parent.level)?.index;
      if (HIERARCHY_KINDS.has(node.kind) && HIERARCHY_KINDS.has(parent.kind) && own !== undefined && above !== undefined && own < above) {
        fall(i, t(lang, 'config.levelOrder', { level: node.level, parentLevel: parent.level }));
        changed = true;
        continue;
      }
      // Walk up: a row that re-parents a unit under its own descendant closes a cycle.
      const seen = new Set<string>([id]);
      for (let cur = node.parent; cur; cur = tree.get(cur)?.parent as string) {
        if (seen.has(cur)) {
          fall(i, t(lang, 'config.unitCycle', { key: id }));
          changed = true;
          break;
        }
        seen.add(cur);
      }
    }
  }
  // Rows already rejected get their parent checked too: the report lists every problem at once.
  rows.forEach((row, i) => {
    if (standing.has(i) || !reasons.has(i)) return;
    const parent = rowFields(kind, row.doc).parent;
    if (typeof parent !== 'string' || tree.has(parent)) return;
    const reason = t(lang, rejectedIds.has(parent) ? 'orgImport.parentRejected' : 'orgImport.unknownParent', { parent });
    if (!reasons.get(i)!.includes(reason)) reject(i, reason);
  });
  options.onProgress?.({ phase: 'validating', processed: rows.length, total: rows.length });

  const rejections: Rejection[] = [];
  const accepted: Record<string, unknown>[] = [];
  rows.forEach((row, i) => {
    const list = reasons.get(i);
    if (list) rejections.push({ row: row.row, ...(rowId(kind, row.doc) ? { id: rowId(kind, row.doc) } : {}), reasons: list });
    else accepted.push(row.doc);
  });
  return { total: rows.length, accepted, rejections };
}
