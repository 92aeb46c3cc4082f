import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportColumn {
  key: string;
  header: string;
  width?: number;
}

export interface ExportSheet {
  name: string;
  columns: ExportColumn[];
  /** Rows are pulled one page at a time: nothing holds the whole table. */
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const cell = (v: unknown): string | number | boolean | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return JSON.stringify(v);
};

function csvField(v: unknown): string {
  const c = cell(v);
  if (c === null) return '';
  const s = String(c);
  // Quote when needed (RFC 4180); a leading = + - @ is neutralised so a spreadsheet never runs it.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof c === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes with backpressure: waits for 'drain' instead of buffering a million rows in memory. */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Streams sheets as CSV (the first sheet; UTF-8 with BOM so Excel reads Chinese) or XLSX (exceljs'
 * streaming writer: each row is committed and flushed, so memory stays flat however many rows).
 */
export async function writeTables(format: ExportFormat, sheets: ExportSheet[], out: Writable): Promise<number> {
  let count = 0;
  if (format === 'csv') {
    const [sheet] = sheets;
    await write(out, `\uFEFF${sheet.columns.map((c) => csvField(c.header)).join(',')}\r\n`);
    let chunk = '';
    for await (const row of sheet.rows) {
      chunk += `${sheet.columns.map((c) => csvField(row[c.key])).join(',')}\r\n`;
      count++;
      if (chunk.length > 64 * 1024) {
        await write(out, chunk);
        chunk = '';
      }
    }
    if (chunk) await write(out, chunk);
    out.end();
    await once(out, 'finish');
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
    let pending = 0;
    for await (const row of sheet.rows) {
      ws.addRow(sheet.columns.map((c) => cell(row[c.key]))).commit();
      count++;
      // exceljs writes synchronously into the stream: yield to let a slow reader drain it.
      if (++pending >= 1000) {
        pending = 0;
        if (out.writableNeedDrain) await once(out, 'drain');
      }
    }
    ws.commit();
  }
  await workbook.commit();
  return count;
}
