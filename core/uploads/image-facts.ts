import exifr from 'exifr';
import sharp from 'sharp';

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
export async function imageFacts(file: Buffer, mime: string): Promise<ImageFacts> {
  if (!mime.startsWith('image/')) return {};
  const facts: ImageFacts = {};
  const exif = await exifr.parse(file, { gps: true, tiff: true, exif: true }).catch(() => undefined);
  if (exif && Number.isFinite(exif.latitude) && Number.isFinite(exif.longitude) && Math.abs(exif.latitude) <= 90 && Math.abs(exif.longitude) <= 180) {
    facts.exif = { lng: exif.longitude, lat: exif.latitude };
    if (exif.DateTimeOriginal instanceof Date && !Number.isNaN(exif.DateTimeOriginal.getTime())) facts.exif.takenAt = exif.DateTimeOriginal.toISOString();
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
