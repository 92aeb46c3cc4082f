'use client';

import { Result, Table, Typography } from 'antd';
import { uiText, type UiLang } from '../i18n';

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  diff: string;
}

export function AuditView({ lang, allowed, rows }: { lang: UiLang; allowed: boolean; rows: AuditRow[] }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 20, margin: '4px 0 12px' }}>
        {tx('nav.audit')}
      </Typography.Title>
      {allowed ? (
        <Table
          rowKey="seq"
          size="small"
          scroll={{ x: true }}
          dataSource={rows}
          columns={[
            { title: '#', dataIndex: 'seq' },
            { title: tx('audit.at'), dataIndex: 'at' },
            { title: tx('audit.actor'), dataIndex: 'actor' },
            { title: tx('audit.action'), dataIndex: 'action' },
            { title: tx('audit.subject'), dataIndex: 'subject' },
            { title: tx('audit.diff'), dataIndex: 'diff', ellipsis: true },
          ]}
        />
      ) : (
        <Result status="403" title="403" subTitle={tx('audit.forbidden')} />
      )}
    </div>
  );
}
