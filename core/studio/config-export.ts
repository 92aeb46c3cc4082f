import { ValidationError } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';

/** A district's whole config as one file, to move between test and production. */
export interface ConfigExport {
  format: 'gridwork-config';
  formatVersion: 1;
  district: string;
  version: number;
  exportedAt: string;
  files: Record<string, unknown>;
}

export const CONFIG_EXPORT_FORMAT = 'gridwork-config';
export const CONFIG_EXPORT_VERSION = 1;

/**
 * The envelope of an export to import: ours, of this format version, of this district, with a
 * files object. Throws a ValidationError naming the first field that is not; returns the files.
 */
export function exportedFiles(file: unknown, district: string, lang: Lang): Record<string, unknown> {
  const envelope = (file ?? {}) as Partial<ConfigExport>;
  const refuse = (path: string, key: MessageKey, params: Record<string, string | number> = {}): never => {
    const issue = { path, message: t(lang, key, params), code: key.split('.')[1] };
    throw new ValidationError(issue.message, [issue]);
  };
  if (envelope.format !== CONFIG_EXPORT_FORMAT) refuse('/format', 'studio.importFormat', { format: String(envelope.format) });
  if (envelope.formatVersion !== CONFIG_EXPORT_VERSION) refuse('/formatVersion', 'studio.importVersion', { version: String(envelope.formatVersion), supported: CONFIG_EXPORT_VERSION });
  if (envelope.district !== district) refuse('/district', 'studio.importDistrict', { district: String(envelope.district), expected: district });
  if (!envelope.files || typeof envelope.files !== 'object' || Array.isArray(envelope.files)) refuse('/files', 'studio.importFiles');
  return envelope.files as Record<string, unknown>;
}
