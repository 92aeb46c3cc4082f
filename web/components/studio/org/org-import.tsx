'use client';

import { Alert, Button, Progress, Radio, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { uiText, type UiKey, type UiLang } from '../../../i18n';
import type { OrgImportStatus } from '../../../../core/org-import';
import { ImportReport } from './import-report';
import { uploadWithProgress } from './upload-with-progress';

export type ImportKind = 'units' | 'grids';

export interface OrgImportTransport {
  /** Sends the file; resolves with the import's id (202) or the server's refusal. */
  upload(query: { kind: ImportKind; format: 'csv' | 'geojson'; dryRun: boolean }, file: File, onProgress: (fraction: number) => void): Promise<{ status: number; body: any }>;
  status(importId: string): Promise<OrgImportStatus>;
}

/** The real transport: the REST upload (XHR, for upload progress) and the studio.orgImportStatus query. */
export function httpImportTransport(status: (importId: string) => Promise<OrgImportStatus>): OrgImportTransport {
  return {
    upload: (q, file, onProgress) =>
      // By the format, not the browser's guess (a .geojson file has no MIME type, a .csv may be "Excel").
      uploadWithProgress(`/api/studio/org-import?kind=${q.kind}&format=${q.format}&dryRun=${q.dryRun ? 1 : 0}`, file, q.format === 'csv' ? 'text/csv' : 'application/geo+json', onProgress),
    status,
  };
}

export const formatOf = (name: string): 'csv' | 'geojson' => (/\.csv$/i.test(name) ? 'csv' : 'geojson');

/**
 * Import units or grids from CSV or GeoJSON: choose a file, upload it (progress bar), the server
 * checks every row (progress bar, polled), the dry-run report lists rejections with reasons; once
 * no row is rejected (the real run is all or nothing), "apply to draft" sends the same file for
 * real, merged by id into the draft's units/grids.
 */
export function OrgImport({ transport, lang, onApplied, pollMs = 400 }: { transport: OrgImportTransport; lang: UiLang; onApplied?: () => void; pollMs?: number }) {
  const tx = (k: UiKey) => uiText(lang, k);
  const [kind, setKind] = useState<ImportKind>('units');
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [status, setStatus] = useState<OrgImportStatus | null>(null);
  const [error, setError] = useState<{ message: string; issues: { path: string; message: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    setUploaded(0);
    try {
      const res = await transport.upload({ kind, format: formatOf(file.name), dryRun }, file, setUploaded);
      if (res.status !== 202 && res.status !== 200) {
        const err = res.body?.error ?? res.body ?? {};
        setError({ message: err.message ?? String(res.status), issues: err.issues ?? [] });
        return;
      }
      const importId = String(res.body.importId);
      for (;;) {
        const s = await transport.status(importId);
        if (!alive.current) return;
        setStatus(s);
        if (s.state !== 'running') {
          if (s.applied) onApplied?.();
          break;
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    } catch (e) {
      setError({ message: (e as Error).message, issues: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="org-import">
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} aria-label={tx('studio.import.kind')}>
        <Radio.Button value="units">{tx('studio.import.units')}</Radio.Button>
        <Radio.Button value="grids">{tx('studio.import.grids')}</Radio.Button>
      </Radio.Group>
      <p style={{ margin: 0, color: '#666' }}>{tx(kind === 'units' ? 'studio.import.unitsHelp' : 'studio.import.gridsHelp')}</p>
      <label>
        {tx('studio.import.file')}{' '}
        <input
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
          aria-label={tx('studio.import.file')}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setStatus(null);
            setUploaded(null);
            setError(null);
          }}
        />
      </label>
      <Space>
        <Button type="primary" disabled={!file || busy} loading={busy && status?.dryRun !== false} onClick={() => run(true)}>
          {tx('studio.import.runDry')}
        </Button>
        <Button disabled={!file || busy || !status || !status.dryRun || status.state !== 'done' || status.accepted === 0 || status.rejected > 0} onClick={() => run(false)}>
          {tx('studio.import.apply')}
        </Button>
      </Space>
      {status?.dryRun && status.state === 'done' && status.rejected > 0 && <p style={{ margin: 0, color: '#d46b08' }}>{tx('studio.import.fixFirst')}</p>}
      {uploaded !== null && (
        <div>
          {tx('studio.import.upload')}
          <Progress percent={Math.floor(uploaded * 100)} aria-label={tx('studio.import.upload')} status={uploaded < 1 ? 'active' : 'success'} />
        </div>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          description={error.issues.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{error.issues.map((i, n) => <li key={n}>{i.message}</li>)}</ul> : undefined}
        />
      )}
      {status && <ImportReport status={status} lang={lang} />}
    </Space>
  );
}
