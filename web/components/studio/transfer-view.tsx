'use client';

import { Alert, Button, Popconfirm } from 'antd';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import type { ConfigDiff } from '../../../core/studio';
import { fill, uiText, type UiKey, type UiLang } from '../../i18n';
import type { ServerIssue } from '../../lib/trpc-client';
import { ConfigDiffView } from './config-diff-view';

interface ImportAnswer {
  issues: ServerIssue[];
  diff: ConfigDiff;
  version?: number;
}

type Report = { kind: 'dryRun' | 'applied'; answer: ImportAnswer } | { kind: 'refused'; message: string; issues: ServerIssue[] };

/** Posts the chosen file as it is (an export holds every file, grids included: larger than a tRPC call takes). */
async function postImport(body: string, dryRun: boolean): Promise<{ ok: true; answer: ImportAnswer } | { ok: false; message: string; issues: ServerIssue[] }> {
  const res = await fetch(`/api/studio/import?dryRun=${dryRun ? 1 : 0}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = await res.json().catch(() => ({}));
  if (res.ok) return { ok: true, answer: json as ImportAnswer };
  return { ok: false, message: json?.error?.message ?? res.statusText, issues: json?.error?.issues ?? [] };
}

/**
 * Export the running configuration as one file, and import one: a dry run first reports what it
 * would change (or why it is refused); only then can it be applied, as one new version.
 */
export function TransferView({ lang, district, activeVersion }: { lang: UiLang; district: string; activeVersion: number }) {
  const tx = (key: UiKey) => uiText(lang, key);
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(chosen: { name: string; text: string }) {
    setBusy(true);
    setReport(null);
    try {
      const res = await postImport(chosen.text, true);
      setReport(res.ok ? { kind: 'dryRun', answer: res.answer } : { kind: 'refused', message: res.message, issues: res.issues });
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!file) return;
    setBusy(true);
    try {
      const res = await postImport(file.text, false);
      setReport(res.ok ? { kind: 'applied', answer: res.answer } : { kind: 'refused', message: res.message, issues: res.issues });
      if (res.ok) router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const dry = report?.kind === 'dryRun' ? report.answer : null;
  const canApply = !!dry && dry.issues.length === 0 && dry.diff.migrations.every((m) => m.refused.length === 0) && dry.diff.files.length > 0;

  return (
    <div className="gw-studio-transfer">
      <section aria-labelledby="studio-export">
        <h2 id="studio-export">{tx('studio.transfer.export')}</h2>
        <p>{fill(tx('studio.transfer.exportHelp'), { district, version: activeVersion })}</p>
        <a className="gw-button-primary" href="/api/studio/export" download data-export>
          {tx('studio.transfer.download')}
        </a>
      </section>

      <section aria-labelledby="studio-import">
        <h2 id="studio-import">{tx('studio.transfer.import')}</h2>
        <p>{tx('studio.transfer.importHelp')}</p>
        <label htmlFor={inputId}>{tx('studio.transfer.chooseFile')}</label>{' '}
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const chosen = e.target.files?.[0];
            if (!chosen) return;
            const next = { name: chosen.name, text: await chosen.text() };
            setFile(next);
            await check(next);
          }}
        />
        {busy && <p>{tx('studio.loading')}</p>}
        {report?.kind === 'refused' && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-import="refused"
            title={fill(tx('studio.transfer.refused'), { reason: report.message })}
            description={
              report.issues.length > 0 && (
                <ul>
                  {report.issues.map((i, n) => (
                    <li key={n}>
                      <code>{[i.file, i.path].filter(Boolean).join(' ')}</code> {i.message}
                    </li>
                  ))}
                </ul>
              )
            }
            style={{ margin: '12px 0' }}
          />
        )}
        {dry && file && (
          <div data-import="dryRun">
            <Alert
              type={canApply ? 'info' : 'warning'}
              showIcon
              title={fill(tx(canApply ? 'studio.transfer.dryRunOk' : 'studio.transfer.dryRunBlocked'), { file: file.name, count: dry.diff.files.length })}
              style={{ margin: '12px 0' }}
            />
            {dry.issues.length > 0 && (
              <ul className="gw-studio-issues">
                {dry.issues.map((i, n) => (
                  <li key={n}>
                    <code>{[i.file, i.path].filter(Boolean).join(' ')}</code> {i.message}
                  </li>
                ))}
              </ul>
            )}
            <ConfigDiffView lang={lang} diff={dry.diff} />
            <Popconfirm title={tx('studio.transfer.applyConfirm')} onConfirm={apply} okText={tx('studio.confirm')} cancelText={tx('studio.cancel')} disabled={!canApply || busy}>
              <Button type="primary" disabled={!canApply || busy} style={{ marginTop: 8 }} data-apply-import>
                {tx('studio.transfer.apply')}
              </Button>
            </Popconfirm>
          </div>
        )}
        {report?.kind === 'applied' && (
          <Alert type="success" showIcon role="status" data-import="applied" title={fill(tx('studio.transfer.applied'), { version: report.answer.version ?? 0 })} style={{ margin: '12px 0' }} />
        )}
      </section>
    </div>
  );
}
