'use client';

import { Alert, Layout, Space, Table, Typography } from 'antd';
import Link from 'next/link';
import { localized, uiText, type UiKey, type UiLang } from '../../i18n';
import { exportHref } from './drill';

interface Row {
  id: string;
  title: string;
  status: string | null;
  category: string;
  unit: string;
  createdAt: string;
}

export function DrillCasesView({ lang, raw, result }: { lang: UiLang; raw: string; result: { data: { count: number; nextCursor: string | null; rows: Row[]; statusLabels: Record<string, { 'zh-CN': string; en?: string }> } } | { error: { message: string } } }) {
  const tx = (key: UiKey) => uiText(lang, key);
  return (
    <Layout style={{ minHeight: '100vh', padding: 16 }}>
      <Typography.Title level={3}>
        <Link href="/dashboard">←</Link> {tx('dashboard.cases')}
        {'data' in result && <Typography.Text type="secondary"> · {result.data.count}</Typography.Text>}
      </Typography.Title>
      {'error' in result ? (
        <Alert type="error" showIcon title={result.error.message} />
      ) : (
        <>
          <Space style={{ marginBottom: 8 }}>
            <a href={exportHref('cases', 'xlsx', { drill: raw })}>{tx('dashboard.exportXlsx')}</a>
            <a href={exportHref('cases', 'csv', { drill: raw })}>{tx('dashboard.exportCsv')}</a>
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={result.data.rows}
            columns={[
              { title: tx('col.title'), dataIndex: 'title' },
              { title: tx('col.status'), dataIndex: 'status', render: (s: string | null) => (s ? localized(result.data.statusLabels[s], lang) || s : tx('status.none')) },
              { title: tx('col.category'), dataIndex: 'category' },
              { title: tx('col.unit'), dataIndex: 'unit' },
              { title: tx('col.reportedAt'), dataIndex: 'createdAt' },
            ]}
          />
          {result.data.nextCursor && <Link href={`/dashboard/cases?${new URLSearchParams({ drill: raw, cursor: result.data.nextCursor })}`}>→</Link>}
        </>
      )}
    </Layout>
  );
}
