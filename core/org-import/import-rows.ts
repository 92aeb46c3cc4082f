/** What an org import reads: units (org/units.json) or grids (org/grids.geojson). */
export type OrgImportKind = 'units' | 'grids';
export type OrgImportFormat = 'csv' | 'geojson';

export const ORG_IMPORT_KINDS: readonly OrgImportKind[] = ['units', 'grids'];
export const ORG_IMPORT_FORMATS: readonly OrgImportFormat[] = ['csv', 'geojson'];

/**
 * One record of an import file, shaped as the document its kind stores: an OrgUnit for units, a
 * GeoJSON Feature for grids. `row` counts data records from 1 (a CSV's header is not a row; a
 * GeoJSON's features[0] is row 1). `reasons` holds what went wrong before validation (a malformed
 * CSV line, a geometry cell that is not JSON).
 */
export interface ImportRow {
  row: number;
  doc: Record<string, unknown>;
  reasons: string[];
}

/** A rejected row and every reason it was rejected for. */
export interface Rejection {
  row: number;
  id?: string;
  reasons: string[];
}

export interface ImportProgress {
  phase: 'parsing' | 'validating' | 'writing';
  processed: number;
  total: number;
}

/** The id of an import row whatever its kind (a unit's own id, a feature's properties.id). */
export function rowId(kind: OrgImportKind, doc: Record<string, unknown>): string | undefined {
  const id = kind === 'grids' ? (doc.properties as Record<string, unknown> | undefined)?.id : doc.id;
  return typeof id === 'string' && id ? id : undefined;
}

/** The unit fields of an import row (a feature's properties for grids). */
export function rowFields(kind: OrgImportKind, doc: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'units') return doc;
  const props = doc.properties;
  return props && typeof props === 'object' && !Array.isArray(props) ? (props as Record<string, unknown>) : {};
}
