import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleExportRequest } from '../api/export-handler';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { writeTables, type ExportFormat } from './table-writer';

/** A sink that keeps only a byte count (and, if asked, the bytes) and drains slowly like a network. */
function sink(keep = false) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  const stream = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (keep) chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { stream, bytes: () => bytes, buffer: () => Buffer.concat(chunks) };
}

function* manyRows(n: number) {
  for (let i = 0; i < n; i++) yield { id: `case-${i}`, title: `事件标题 ${i} 关于某小区的某个问题`, status: i % 3 ? 'closed' : 'reported', n: i };
}
const columns = [{ key: 'id', header: '编号' }, { key: 'title', header: '标题' }, { key: 'status', header: '状态' }, { key: 'n', header: '序号' }];

describe('streamed export', () => {
  it.each([['csv', 1_000_000], ['xlsx', 150_000]] as [ExportFormat, number][])('writes %s rows (%i) in bounded memory', async (format, n) => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const out = sink();
    const count = await writeTables(format, [{ name: 'cases', columns, rows: manyRows(n) }], out.stream);
    clearInterval(timer);
    expect(count).toBe(n);
    expect(out.bytes()).toBeGreaterThan(n * 20);
    // Holding the rows or the output would grow the heap by hundreds of MB (a non-streaming
    // workbook of 150k rows takes ~300 MB); streaming stays within a small constant.
    expect(peak - before).toBeLessThan(96 * 2 ** 20);
    // CSV is uncompressed: more bytes went out than the heap ever grew.
    if (format === 'csv') expect(out.bytes()).toBeGreaterThan(peak - before);
  }, 120_000);

  it('writes CSV a spreadsheet reads safely (quotes, newlines, formulas, BOM)', async () => {
    const out = sink(true);
    await writeTables('csv', [{ name: 'x', columns, rows: [{ id: 'a,b', title: '他说"你好"\n第二行', status: '=HYPERLINK("x")', n: null }] }], out.stream);
    const text = out.buffer().toString('utf8');
    expect(text.startsWith('\uFEFF编号,标题,状态,序号\r\n')).toBe(true);
    expect(text).toContain(`"a,b","他说""你好""\n第二行","'=HYPERLINK(""x"")",\r\n`);
  });

  it('writes XLSX that reads back with every sheet and value', async () => {
    const out = sink(true);
    await writeTables('xlsx', [
      { name: '概览', columns: [{ key: 'k', header: '指标' }, { key: 'v', header: '数值' }], rows: [{ k: '办结率', v: 97.2 }, { k: '满意率', v: 95.8 }] },
      { name: 'cases', columns, rows: manyRows(3) },
    ], out.stream);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer() as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', 'cases']);
    expect(wb.getWorksheet('概览')!.getRow(2).values).toEqual([undefined, '办结率', 97.2]);
    expect(wb.getWorksheet('cases')!.rowCount).toBe(4);
  });
});

describe.each(dialects())('export over HTTP on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  const cookies: Record<string, string> = {};
  const BASE = 'http://localhost:3000';
  const signIn = async (username: string) => {
    const res = await runtime.auth.handler(
      new Request(`${BASE}/api/auth/sign-in/username`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ username, password: 'Test-password-1' }) }),
    );
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  };
  const get = (who: string | null, query: string) => handleExportRequest(runtime, new Request(`${BASE}/api/export?${query}`, { headers: who ? { cookie: cookies[who] } : {} }));

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    await createPrincipal(runtime, [{ role: 'dispatcher', unitId: 'xg-command' }], 'exdispatcher');
    await createPrincipal(runtime, [{ role: 'subdistrictOfficer', unitId: 'xg-hs' }], 'exofficer');
    cookies.dispatcher = await signIn('exdispatcher');
    cookies.officer = await signIn('exofficer');
    const at = runtime.now().toISOString();
    await runtime.entities.createMany(systemContext('en'), 'incidentCase', Array.from({ length: 450 }, (_, i) => ({
      orgUnitId: i % 3 ? 'xg-hs-c01-g01' : 'xg-wcl-c01-g04',
      data: { title: `导出事件${i}`, category: 'safety.building', channel: 'residentApp', reportedAt: at, reporterPhone: '13800138000' },
    })));
  });
  afterAll(() => close());

  it('streams the cases behind a drill-down: as many rows as the list has', async () => {
    const drill = encodeURIComponent(JSON.stringify({ entity: 'incidentCase', orgUnit: 'xg-hs', filter: {} }));
    const res = await get('dispatcher', `kind=cases&format=csv&drill=${drill}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 300);
    expect(lines[1]).toContain('13800138000');
    const xlsx = await get('dispatcher', `kind=figures&format=xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(wb.worksheets.length).toBe(6);
  });

  it('refuses without a session, without the export permission, and bad parameters', async () => {
    const drill = encodeURIComponent(JSON.stringify({ entity: 'incidentCase', filter: {} }));
    expect((await get(null, `kind=cases&drill=${drill}`)).status).toBe(401);
    expect((await get('officer', `kind=cases&drill=${drill}`)).status).toBe(403);
    const bad = await get('dispatcher', `kind=cases&format=pdf&drill=${drill}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('/format');
    expect((await get('dispatcher', `kind=cases&drill=%7Bnot-json`)).status).toBe(400);
    expect((await get('dispatcher', `kind=figures&from=2020-01-01&to=2026-01-01`)).status).toBe(400);
  });
});
