import exifr from 'exifr';
import sharp from 'sharp';
import { parseZonedDate } from '../intake';

export interface ExifFacts {
  lng: number;
  lat: number;
  takenAt?: string;
}

export interface ImageFacts {
  width?: number;
  height?: number;
  exif?: ExifFacts;
  thumbnail?: Buffer;
}

export const THUMBNAIL_SIZE = 320;

/**
 * Size, EXIF position (offered as the case location) and a JPEG thumbnail of an image. Formats
 * sharp cannot decode here (e.g. HEIC without libheif) still upload, just without a thumbnail.
 */
export async function imageFacts(file: Buffer, mime: string, timeZone: string): Promise<ImageFacts> {
  if (!mime.startsWith('image/')) return {};
  const facts: ImageFacts = {};
  const exif = await exifr.parse(file, { gps: true, tiff: true, exif: true, reviveValues: false }).catch(() => undefined);
  if (exif && Number.isFinite(exif.latitude) && Number.isFinite(exif.longitude) && Math.abs(exif.latitude) <= 90 && Math.abs(exif.longitude) <= 180) {
    facts.exif = { lng: exif.longitude, lat: exif.latitude };
    const taken = takenAt(exif.DateTimeOriginal, exif.OffsetTimeOriginal, timeZone);
    if (taken) facts.exif.takenAt = taken;
  }
  try {
    const image = sharp(file, { failOn: 'error' });
    const meta = await image.metadata();
    // EXIF orientations 5–8 swap width and height on display.
    const swap = (meta.orientation ?? 1) >= 5;
    facts.width = swap ? meta.height : meta.width;
    facts.height = swap ? meta.width : meta.height;
    facts.thumbnail = await image.rotate().resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
  } catch {
    // Not decodable here: keep the file, skip size and thumbnail.
  }
  return facts;
}

/**
 * EXIF capture time is the camera's wall clock without a zone: read it with OffsetTimeOriginal
 * when the camera wrote one, else in the district's zone (where the photo was taken).
 */
function takenAt(text: unknown, offset: unknown, timeZone: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  if (typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset)) {
    const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
    const d = m && new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
    return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
  }
  return parseZonedDate(text, 'yyyy:MM:dd HH:mm:ss', timeZone)?.toISOString();
}
