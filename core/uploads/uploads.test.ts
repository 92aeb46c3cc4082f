import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../entities';
import { rotateChannelKey } from '../intake';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { UploadService } from './upload-service';
import { handleUploadCreate, handleUploadGet, handleUploadHead, handleUploadPatch } from './uploads-http';

const BASE = 'http://localhost:3000';

/** A real JPEG with EXIF GPS (34°40'33.6"N 112°25'48"E, in Xigong) and a capture time. */
const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#4a8' }, })
    .composite([{ input: Buffer.from('<svg width="1200" height="800"><circle cx="600" cy="400" r="300" fill="#c33"/></svg>') }])
    .withExif({ IFD2: { DateTimeOriginal: '2026:09:05 10:00:00' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 40/1 3360/100', GPSLongitudeRef: 'E', GPSLongitude: '112/1 25/1 4800/100' } })
    .jpeg({ quality: 95 })
    .toBuffer();

/** The start of a Windows executable (MZ header, PE signature). */
const exe = () => {
  const b = Buffer.alloc(8192);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
};

describe.each(dialects())('resumable uploads on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let dir: string;
  let cookie: string;
  let otherCookie: string;
  let worker: { id: string };

  const signIn = async (username: string) => {
    const res = await runtime.auth.handler(
      new Request(`${BASE}/api/auth/sign-in/username`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ username, password: 'Test-password-1' }) }),
    );
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  };
  const req = (method: string, url: string, headers: Record<string, string>, body?: BodyInit) => new Request(`${BASE}${url}`, { method, headers: { 'x-gridwork-lang': 'en', ...headers }, body });
  const create = (headers: Record<string, string>, input: unknown) => handleUploadCreate(runtime, req('POST', '/api/uploads', { 'content-type': 'application/json', ...headers }, JSON.stringify(input)));
  const patch = (id: string, offset: number | string, bytes: Buffer, headers: Record<string, string>) =>
    handleUploadPatch(runtime, req('PATCH', `/api/uploads/${id}`, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...headers }, new Uint8Array(bytes)), id);
  const uploadRows = async () => Number((await runtime.db.selectFrom('upload').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    dir = mkdtempSync(path.join(tmpdir(), 'gw-uploads-'));
    runtime.uploads = new UploadService({ db: runtime.db, dir, maxBytes: 20 * 1024 * 1024, entities: runtime.entities, registry: runtime.registry, now: runtime.now, timeZone: 'Asia/Shanghai' });
    worker = await createPrincipal(runtime, [{ role: 'gridWorker', unitId: 'xg-wcl-c01-g04' }], 'uploadworker');
    await createPrincipal(runtime, [{ role: 'gridWorker', unitId: 'xg-hs-c01-g01' }], 'otherworker');
    cookie = await signIn('uploadworker');
    otherCookie = await signIn('otherworker');
  });
  afterAll(() => close());

  it('uploads in chunks, resumes from the stored offset, and describes the finished image', async () => {
    const bytes = await photo();
    const created = await create({ cookie }, { filename: 'C:\\phone\\IMG_0001.jpg', size: bytes.length, mimeType: 'image/jpeg' });
    expect(created.status).toBe(201);
    const { id, offset, size } = await created.json();
    expect([offset, size]).toEqual([0, bytes.length]);

    const first = await patch(id, 0, bytes.subarray(0, 5000), { cookie });
    expect(await first.json()).toEqual({ id, offset: 5000, complete: false });
    // The connection dropped after the first chunk: the client asks where to resume.
    const head = await handleUploadHead(runtime, req('HEAD', `/api/uploads/${id}`, { cookie }), id);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('5000');
    const wrong = await patch(id, 4000, bytes.subarray(4000), { cookie });
    expect(wrong.status).toBe(409);
    expect((await wrong.json()).offset).toBe(5000);

    const done = await patch(id, 5000, bytes.subarray(5000), { cookie });
    expect(done.status).toBe(200);
    const body = await done.json();
    expect(body).toMatchObject({ id, offset: bytes.length, complete: true, file: { id, mimeType: 'image/jpeg', size: bytes.length, width: 1200, height: 800, thumbnailUrl: `/api/uploads/${id}/thumbnail` } });
    expect(body.file.exif.lng).toBeCloseTo(112.43, 5);
    expect(body.file.exif.lat).toBeCloseTo(34.676, 5);
    // 10:00 on the camera's clock in Luoyang (no OffsetTimeOriginal) is 02:00 UTC.
    expect(body.file.exif.takenAt).toBe('2026-09-05T02:00:00.000Z');

    const got = await handleUploadGet(runtime, req('GET', `/api/uploads/${id}`, { cookie }), id);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    const thumb = await handleUploadGet(runtime, req('GET', `/api/uploads/${id}/thumbnail`, { cookie }), id, 'thumb');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 213]);
  });

  it('another user reads a file only through a case they may read that holds it', async () => {
    const bytes = await photo();
    const { id } = await (await create({ cookie }, { filename: 'a.jpg', size: bytes.length })).json();
    await patch(id, 0, bytes, { cookie });
    const get = (c: string) => handleUploadGet(runtime, req('GET', `/api/uploads/${id}`, { cookie: c }), id);
    expect((await get(otherCookie)).status).toBe(403);
    expect((await handleUploadHead(runtime, req('HEAD', `/api/uploads/${id}`, { cookie: otherCookie }), id)).status).toBe(404);
    expect((await patch(id, bytes.length, Buffer.from('x'), { cookie: otherCookie })).status).toBe(404);
    await runtime.entities.create(systemContext('en'), 'incidentCase', {
      orgUnitId: 'xg-hs-c01-g01',
      data: { title: '井盖缺失', category: 'urban.environment', channel: 'gridReport', reportedAt: '2026-09-05T02:00:00Z', photos: [id] },
    });
    expect((await get(otherCookie)).status).toBe(200);
    expect(worker.id).toBeTruthy();
  });

  it('refuses an .exe renamed .jpg by its bytes, and keeps nothing of it', async () => {
    const before = await uploadRows();
    const files = readdirSync(dir).length;
    const bytes = exe();
    const { id } = await (await create({ cookie }, { filename: 'holiday.jpg', size: bytes.length, mimeType: 'image/jpeg' })).json();
    const res = await patch(id, 0, bytes, { cookie });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/application\/x-msdownload, which is not allowed/);
    expect(await uploadRows()).toBe(before);
    expect(readdirSync(dir).length).toBe(files);
    expect(existsSync(path.join(dir, `${id}.part`))).toBe(false);
  });

  it('refuses 50 MB at create time with 413, an oversized chunk with 413, and strangers with 401', async () => {
    const before = await uploadRows();
    const big = await create({ cookie }, { filename: 'video.mp4', size: 50 * 1024 * 1024 });
    expect(big.status).toBe(413);
    expect((await big.json()).error.issues[0].path).toBe('/size');
    expect((await create({}, { filename: 'a.jpg', size: 10 })).status).toBe(401);
    expect((await create({ cookie }, { size: 10 })).status).toBe(400);
    expect((await create({ cookie }, { filename: 'a.jpg', size: -1 })).status).toBe(400);
    const formPost = await handleUploadCreate(runtime, req('POST', '/api/uploads', { cookie, 'content-type': 'text/plain' }, JSON.stringify({ filename: 'a.jpg', size: 10 })));
    expect(formPost.status).toBe(400);
    expect(await uploadRows()).toBe(before);
    const { id } = await (await create({ cookie }, { filename: 'b.jpg', size: 3 * 1024 * 1024 })).json();
    expect((await patch(id, 0, Buffer.alloc(1024 * 1024 + 1), { cookie })).status).toBe(413);
    expect((await patch(id, 'abc', Buffer.alloc(10), { cookie })).status).toBe(400);
  });

  it('a channel uploads with its API key', async () => {
    const key = await rotateChannelKey(runtime.db, 'iotAlarm', new Date());
    const bytes = await photo();
    const created = await create({ authorization: `Bearer ${key}` }, { filename: 'cam.jpg', size: bytes.length });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const done = await patch(id, 0, bytes, { 'x-api-key': key });
    expect((await done.json()).complete).toBe(true);
  });
});
