import { describe, expect, it } from 'vitest';
import { fakeUploadServer } from './fake-upload-server';
import { uploadResumable, UploadError } from './resumable-upload';

const bytes = (n: number) => new Blob([Uint8Array.from({ length: n }, (_, i) => i % 251)], { type: 'image/jpeg' });
const noWait = { retryDelay: () => 0 };

describe('uploadResumable', () => {
  it('creates the upload and sends it in chunks at the server offset', async () => {
    const server = fakeUploadServer();
    const progress: number[] = [];
    const file = await uploadResumable(bytes(2500), { fetch: server.fetch, chunkSize: 1000, onProgress: (s) => progress.push(s), ...noWait });
    expect(file.id).toBe('f1');
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(server.calls).toEqual(['POST /api/uploads', 'PATCH /api/uploads/f1', 'PATCH /api/uploads/f1', 'PATCH /api/uploads/f1']);
    expect([...server.uploads.get('f1')!.bytes]).toEqual([...new Uint8Array(await bytes(2500).arrayBuffer())]);
  });

  it('after a lost response asks the server for its offset (HEAD) and continues without resending', async () => {
    const server = fakeUploadServer({ dropAfterStore: [2], failBeforeStore: [4] });
    const file = await uploadResumable(bytes(3500), { fetch: server.fetch, chunkSize: 1000, ...noWait });
    expect(file.id).toBe('f1');
    expect(server.calls.filter((c) => c.startsWith('HEAD'))).toHaveLength(2);
    expect(server.uploads.get('f1')!.offset).toBe(3500);
    expect([...server.uploads.get('f1')!.bytes]).toEqual([...new Uint8Array(await bytes(3500).arrayBuffer())]);
  });

  it('resumes an upload created earlier by id', async () => {
    const server = fakeUploadServer({ failBeforeStore: [2, 3] });
    let created = '';
    await expect(
      uploadResumable(bytes(2500), { fetch: server.fetch, chunkSize: 1000, maxRetries: 1, onCreated: (id) => (created = id), ...noWait }),
    ).rejects.toThrow('network down');
    expect(server.uploads.get(created)!.offset).toBe(1000);
    const file = await uploadResumable(bytes(2500), { fetch: server.fetch, chunkSize: 1000, id: created, ...noWait });
    expect(file.id).toBe(created);
    expect(server.uploads.get(created)!.offset).toBe(2500);
    expect(server.calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('does not retry a refusal (413) and reports it', async () => {
    const server = fakeUploadServer({ maxSize: 100 });
    const err = await uploadResumable(bytes(500), { fetch: server.fetch, ...noWait }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).status).toBe(413);
    expect(server.calls).toHaveLength(1);
  });
});
