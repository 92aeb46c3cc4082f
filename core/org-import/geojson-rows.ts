import { ValidationError } from '../errors';
import { t, type Lang } from '../i18n';
import type { ImportRow, OrgImportKind } from './import-rows';

/**
 * GeoJSON text → import rows. Grids keep the whole feature (properties + geometry); units take a
 * feature's properties, and a unit feature that carries a polygon is refused rather than losing it
 * silently (units.json has no geometry).
 */
export function geojsonRows(text: string, kind: OrgImportKind, lang: Lang): ImportRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = t(lang, 'validation.badJson', { detail: (e as Error).message });
    throw new ValidationError(message, [{ path: '/', message, code: 'json' }]);
  }
  const collection = doc as { type?: unknown; features?: unknown };
  if (!collection || typeof collection !== 'object' || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    const message = t(lang, 'orgImport.notFeatureCollection');
    throw new ValidationError(message, [{ path: '/type', message, code: 'notFeatureCollection' }]);
  }
  if (!collection.features.length) throw new ValidationError(t(lang, 'orgImport.empty'), [{ path: '/features', message: t(lang, 'orgImport.empty'), code: 'empty' }]);
  return collection.features.map((feature: unknown, i: number) => {
    const f = (feature && typeof feature === 'object' ? feature : {}) as Record<string, unknown>;
    if (kind === 'grids') return { row: i + 1, doc: f, reasons: [] };
    const props = f.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {};
    return { row: i + 1, doc: { ...props }, reasons: f.geometry ? [t(lang, 'orgImport.unitGeometry')] : [] };
  });
}
