/**
 * Reads a request body up to `limit` bytes; undefined when it is larger. Counts the bytes as they
 * arrive: a chunked body carries no content-length to trust.
 */
export async function readBody(req: Request, limit: number): Promise<Buffer | undefined> {
  if (!req.body) return Buffer.alloc(0);
  if (Number(req.headers.get('content-length') ?? 0) > limit) return undefined;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
