'use client';

import { Card, Col, Layout, Row, Statistic, Table, Tag, Typography } from 'antd';
import { uiText, type UiLang } from '../i18n';
import type { PackRule } from '@casl/ability/extra';
import type { AppRule } from '../../core/access/app-ability';
import { AbilityProvider } from './ability-provider';

export interface HomeData {
  user: { name: string; roles: string[]; rules: PackRule<AppRule>[] };
  platformName: string;
  districtName: string;
  db: string;
  orgUnits: number;
  grids: number;
  cases: number;
  openCases: number;
  byLevel: { level: string; label: string; count: number }[];
  byStatus: { status: string; label: string; count: number }[];
  recent: { id: string; title: string; category: string; channel: string; status: string; reportedAt: string; unit: string }[];
}

/** The landing page: what this district's platform holds right now. */
export function HomeView({ lang, data }: { lang: UiLang; data: HomeData }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  return (
    <AbilityProvider rules={data.user.rules}>
    <Layout style={{ background: 'transparent' }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: '4px 0 12px' }}>
        {data.platformName} · {data.districtName}
      </Typography.Title>
      <div>
        <Row gutter={[16, 16]}>
          {(
            [
              ['home.orgUnits', data.orgUnits],
              ['home.grids', data.grids],
              ['home.cases', data.cases],
              ['home.openCases', data.openCases],
            ] as const
          ).map(([key, value]) => (
            <Col xs={12} md={6} key={key}>
              <Card>
                <Statistic title={tx(key)} value={value} />
              </Card>
            </Col>
          ))}
          <Col span={24}>
            <Typography.Text type="secondary">
              {tx('home.roles')}: {data.user.roles.join('、')}
            </Typography.Text>
          </Col>
          <Col xs={24} md={12}>
            <Card title={tx('home.byLevel')}>
              {data.byLevel.map((l) => (
                <Tag key={l.level} style={{ marginBottom: 8 }}>
                  {l.label}: {l.count}
                </Tag>
              ))}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={tx('home.byStatus')}>
              {data.byStatus.map((s) => (
                <Tag key={s.status} color="blue" style={{ marginBottom: 8 }}>
                  {s.label}: {s.count}
                </Tag>
              ))}
            </Card>
          </Col>
          <Col span={24}>
            <Card title={tx('home.recent')} extra={`${tx('home.db')}: ${data.db}`}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={data.recent}
                columns={[
                  { title: tx('col.title'), dataIndex: 'title' },
                  { title: tx('col.category'), dataIndex: 'category' },
                  { title: tx('col.channel'), dataIndex: 'channel' },
                  { title: tx('col.status'), dataIndex: 'status' },
                  { title: tx('col.unit'), dataIndex: 'unit' },
                  { title: tx('col.reportedAt'), dataIndex: 'reportedAt' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      </div>
    </Layout>
    </AbilityProvider>
  );
}
