'use client';

import { Alert, Progress, Statistic, Table, Space, Tag } from 'antd';
import { uiText, type UiKey, type UiLang } from '../../../i18n';
import type { OrgImportStatus } from '../../../../core/org-import';

const PHASES: Record<OrgImportStatus['phase'], UiKey> = {
  parsing: 'studio.import.phase.parsing',
  validating: 'studio.import.phase.validating',
  writing: 'studio.import.phase.writing',
};

/**
 * Where an org import stands: a progress bar while the server parses and checks the rows, then the
 * report — rows accepted, rows rejected with their reasons (the first 200). An import whose server
 * went away mid-run (`interrupted`) is told apart from a refused one: it says so in the reader's
 * language (the server's `error` is in the language of whoever polled) and asks for a new run.
 */
export function ImportReport({ status, lang }: { status: OrgImportStatus; lang: UiLang }) {
  const tx = (k: UiKey) => uiText(lang, k);
  const percent = status.total > 0 ? Math.floor((status.processed / status.total) * 100) : 0;
  const running = status.state === 'running';
  const outcome = status.interrupted ? 'studio.import.interrupted' : status.state === 'done' ? 'studio.import.finished' : 'studio.import.failed';
  return (
    <div data-testid="import-report" data-state={status.state} data-interrupted={status.interrupted ? '' : undefined}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          <Tag color={status.dryRun ? 'blue' : 'purple'}>{tx(status.dryRun ? 'studio.import.dryRun' : 'studio.import.applyRun')}</Tag>
          <span>{running ? tx(PHASES[status.phase]) : tx(outcome)}</span>
        </div>
        <Progress percent={status.state === 'done' ? 100 : percent} status={status.state === 'failed' ? 'exception' : running ? 'active' : 'success'} aria-label={tx('studio.import.checkProgress')} />
        {status.interrupted ? (
          <Alert type="warning" showIcon role="alert" title={tx('studio.import.interruptedHelp')} />
        ) : (
          status.state === 'failed' && <Alert type="error" showIcon role="alert" title={status.error ?? tx('studio.import.failed')} />
        )}
        <Space size={32}>
          <Statistic title={tx('studio.import.processed')} value={status.processed} suffix={`/ ${status.total}`} />
          <Statistic title={tx('studio.import.accepted')} value={status.accepted} styles={{ content: { color: '#389e0d' } }} />
          <Statistic title={tx('studio.import.rejected')} value={status.rejected} styles={{ content: { color: status.rejected ? '#cf1322' : undefined } }} />
        </Space>
        {status.applied && <Alert type="success" showIcon title={tx('studio.import.applied')} />}
        {status.rejections.length > 0 && (
          <Table
            size="small"
            rowKey={(r) => `${r.row}`}
            data-testid="import-rejections"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={status.rejections}
            columns={[
              { title: tx('studio.import.row'), dataIndex: 'row', key: 'row', width: 70 },
              { title: tx('studio.org.id'), dataIndex: 'id', key: 'id', width: 160 },
              { title: tx('studio.import.reasons'), key: 'reasons', render: (_, r) => <ul style={{ margin: 0, paddingLeft: 16 }}>{r.reasons.map((m, i) => <li key={i}>{m}</li>)}</ul> },
            ]}
          />
        )}
        {status.rejected > status.rejections.length && <p style={{ color: '#666' }}>{tx('studio.import.moreRejections')}</p>}
      </Space>
    </div>
  );
}
