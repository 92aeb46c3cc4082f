import { fileTypeFromBuffer } from 'file-type';

/** What may be uploaded, decided by the bytes (magic numbers), never by the name or the header. */
export const ALLOWED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/gif', 'application/pdf', 'video/mp4'] as const;

/** Bytes file-type needs to recognise every format it knows. */
export const SNIFF_BYTES = 4100;

export async function sniffType(head: Uint8Array): Promise<{ mime: string; allowed: boolean }> {
  const found = await fileTypeFromBuffer(head);
  const mime = found?.mime ?? 'unknown';
  return { mime, allowed: (ALLOWED_TYPES as readonly string[]).includes(mime) };
}
