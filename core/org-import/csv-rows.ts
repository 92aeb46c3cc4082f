import Papa from 'papaparse';
import { ValidationError } from '../errors';
import { t, type Lang } from '../i18n';
import type { ImportRow, OrgImportKind } from './import-rows';

/**
 * Header names a CSV may use for each field: the schema's own name, and the Chinese headings
 * district staff keep their spreadsheets in. Matched case-insensitively after trimming.
 */
export const CSV_COLUMNS: Record<string, readonly string[]> = {
  id: ['id', '编号', '编码', '单元编号', '网格编号'],
  name: ['name', '名称', '单元名称', '网格名称'],
  nameEn: ['nameen', 'name_en', '英文名称', '英文名'],
  kind: ['kind', '类型', '单元类型'],
  level: ['level', '层级', '级别'],
  parent: ['parent', 'parentid', 'parent_id', '上级', '上级编号', '上级单元'],
  code: ['code', '代码', '行政区划代码', '区划代码'],
  households: ['households', '户数'],
  population: ['population', '人口', '人口数'],
  geometry: ['geometry', '几何', '边界', '多边形'],
};

const INTEGER_FIELDS = new Set(['households', 'population']);

function columnField(header: string): string | undefined {
  const key = header.trim().toLowerCase();
  for (const [field, aliases] of Object.entries(CSV_COLUMNS)) if (aliases.includes(key)) return field;
  return undefined;
}

/**
 * CSV text → import rows shaped as units or grid features. Empty cells are left out (the schema
 * then names a missing required field); integers and geometry JSON are converted here, and a value
 * that does not convert is passed on as written so the schema reports it by field.
 * A header the import does not know fails the whole file: every row would be rejected for it.
 */
export function csvRows(text: string, kind: OrgImportKind, lang: Lang): ImportRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...records] = parsed.data;
  if (!header || !records.length) throw new ValidationError(t(lang, 'orgImport.empty'), [{ path: '/', message: t(lang, 'orgImport.empty'), code: 'empty' }]);
  const fields = header.map((h) => columnField(h));
  // A blank heading is a spreadsheet's trailing empty column: ignored, not an unknown one.
  const issues = header
    .map((h, i) => (!h.trim() || (fields[i] && (fields[i] !== 'geometry' || kind === 'grids')) ? undefined : { path: `/columns/${i}`, message: t(lang, 'orgImport.unknownColumn', { column: h }), code: 'unknownColumn' }))
    .filter((i) => !!i);
  for (const required of kind === 'grids' ? ['id', 'geometry'] : ['id']) {
    if (!fields.includes(required)) issues.push({ path: `/columns/${required}`, message: t(lang, 'orgImport.missingColumn', { column: required }), code: 'missingColumn' });
  }
  if (issues.length) throw new ValidationError(issues[0].message, issues);

  // Papa reports row errors by data row index (header included when header: false).
  const rowErrors = new Map<number, string[]>();
  for (const e of parsed.errors) {
    if (typeof e.row !== 'number') continue;
    const list = rowErrors.get(e.row) ?? [];
    list.push(t(lang, 'orgImport.csvRow', { detail: e.message }));
    rowErrors.set(e.row, list);
  }
  return records.map((cells, i) => {
    const reasons = [...(rowErrors.get(i + 1) ?? [])];
    cells.forEach((cell, c) => {
      if (cell.trim() && !header[c]?.trim()) reasons.push(t(lang, 'orgImport.cellWithoutHeading', { column: c + 1, value: cell.trim().slice(0, 40) }));
    });
    const unit: Record<string, unknown> = {};
    let geometry: unknown;
    fields.forEach((field, c) => {
      const raw = cells[c]?.trim();
      if (!field || raw === undefined || raw === '') return;
      if (field === 'geometry') {
        try {
          geometry = JSON.parse(raw);
        } catch (e) {
          reasons.push(t(lang, 'orgImport.geometryJson', { detail: (e as Error).message }));
        }
      } else if (INTEGER_FIELDS.has(field) && /^-?\d+$/.test(raw)) unit[field] = Number(raw);
      else unit[field] = raw;
    });
    const doc = kind === 'grids' ? { type: 'Feature', properties: unit, ...(geometry === undefined ? {} : { geometry }) } : unit;
    return { row: i + 1, doc, reasons };
  });
}
