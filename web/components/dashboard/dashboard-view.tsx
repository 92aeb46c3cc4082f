'use client';

import { Alert, Button, Card, Col, Input, Layout, List, Result, Row, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DashboardService } from '../../../core/dashboard/dashboard-service';
import type { PluginCardData, PluginLayerData } from '../../lib/plugin-ui';
import { localized, uiText, type UiKey, type UiLang } from '../../i18n';
import { Chart } from './chart';
import { drillHref, exportHref, percent } from './drill';
import { GridMap } from './grid-map';
import { useLiveEvents } from './live-events';
import { visitorLabel } from './visitor-label';

type Figures = Awaited<ReturnType<DashboardService['figures']>>;
type Label = { 'zh-CN': string; en?: string };
export interface DashboardData {
  figures: Figures;
  hot: Awaited<ReturnType<DashboardService['hotSpots']>>;
  map: Awaited<ReturnType<DashboardService['map']>>;
  shapes: any;
  /** The enabled plugins' cards and map layers, already read as the user. */
  plugins?: { cards: PluginCardData[]; layers: PluginLayerData[] };
  labels: { category: Record<string, Label>; channel: Record<string, Label>; status: Record<string, Label>; clock: Record<string, Label> };
  canBroadcast: boolean;
  platform: Label;
}

const SCREEN_BG = '#061a33';

/** A card's inputs (a month picker): changing one reloads the dashboard with it in the URL. */
function CardInputs({ inputs, textStyle }: { inputs: NonNullable<PluginCardData['inputs']>; textStyle?: React.CSSProperties }) {
  const router = useRouter();
  const go = (param: string, value: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set(param, value);
    router.push(`${url.pathname}?${url.searchParams.toString()}`);
  };
  return (
    <div style={{ marginBottom: 8 }}>
      {inputs.map((i) => (
        <label key={i.param} style={{ ...textStyle, display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          {i.label}
          <input type="month" name={i.param} defaultValue={i.value} onChange={(e) => e.target.value && go(i.param, e.target.value)} />
        </label>
      ))}
    </div>
  );
}

/** The command centre: normal layout for a desk, `screen` for the wall (dark, everything at once). */
export function DashboardView({ lang, layout, result }: { lang: UiLang; layout: 'normal' | 'screen'; result: { data: DashboardData } | { error: { kind: string; message: string } } }) {
  const tx = (key: UiKey) => uiText(lang, key);
  const router = useRouter();
  const events = useLiveEvents();
  if ('error' in result) {
    return (
      <Layout style={{ minHeight: '100vh', padding: 24 }}>
        {result.error.kind === 'forbidden' ? <Result status="403" title="403" subTitle={result.error.message || tx('dashboard.forbidden')} /> : <Alert type="error" showIcon title={result.error.message} />}
      </Layout>
    );
  }
  const { figures: f, hot, map, shapes, labels } = result.data;
  const dark = layout === 'screen';
  const go = (drill: any) => router.push(drillHref(drill));
  const name = (kind: keyof DashboardData['labels'], key: string) => localized(labels[kind][key], lang) || key || tx('status.none');
  const respond = f.clocks.find((c) => c.clock === 'respond') ?? f.clocks[0];
  const onSite = f.clocks.find((c) => c.clock === 'onSite');
  const cardStyle = dark ? { background: '#0b2a4f', borderColor: '#1d4f8a', color: '#e6f0ff' } : undefined;
  const text = dark ? { color: '#e6f0ff' } : undefined;
  const kpi = (title: string, value: string | number, drill: any, danger = false) => (
    <Col xs={12} md={6} lg={dark ? 3 : 4} key={title}>
      <Card size="small" hoverable style={cardStyle} onClick={() => go(drill)} data-testid={`kpi-${title}`}>
        <Statistic title={<span style={text}>{title}</span>} value={value} valueStyle={{ color: danger ? '#ff4d4f' : dark ? '#7fd3ff' : undefined }} />
      </Card>
    </Col>
  );
  const breakdown = (kind: 'channel' | 'category' | 'status', rows: Figures['byChannel'], pie = false) => (
    <Chart
      dark={dark}
      onClick={(d) => go(d.drill)}
      option={
        pie
          ? { tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: ['35%', '70%'], data: rows.map((r) => ({ name: name(kind, r.key), value: r.count, drill: r.drill })) }] }
          : {
              tooltip: { trigger: 'axis' },
              grid: { left: 110, right: 16, top: 8, bottom: 24 },
              xAxis: { type: 'value' },
              yAxis: { type: 'category', inverse: true, data: rows.map((r) => name(kind, r.key)) },
              series: [{ type: 'bar', data: rows.map((r) => ({ value: r.count, drill: r.drill })), itemStyle: { color: '#c8102e' } }],
            }
      }
    />
  );
  const params = { unit: f.unit.id, from: f.window.from, to: f.window.to };
  return (
    <Layout style={{ minHeight: '100vh', padding: dark ? 12 : 16, background: dark ? SCREEN_BG : undefined }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Typography.Title level={dark ? 2 : 3} style={{ margin: 0, ...text }}>
          {!dark && <Link href="/">← </Link>}
          {localized(result.data.platform, lang)} · {tx('dashboard.title')} · {lang === 'en' ? f.unit.nameEn ?? f.unit.name : f.unit.name}
        </Typography.Title>
        <form method="get" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <input type="hidden" name="layout" value={layout} />
          <input type="hidden" name="unit" value={f.unit.id} />
          <label style={text}>
            {tx('dashboard.from')} <input type="date" name="from" defaultValue={f.window.from} />
          </label>
          <label style={text}>
            {tx('dashboard.to')} <input type="date" name="to" defaultValue={f.window.to} />
          </label>
          <Button htmlType="submit" size="small">{tx('dashboard.apply')}</Button>
          <Link href={`/dashboard?${new URLSearchParams({ ...params, layout: dark ? 'normal' : 'screen' })}`}>{dark ? tx('dashboard.normal') : tx('dashboard.screen')}</Link>
          <a href={exportHref('figures', 'xlsx', params)}>{tx('dashboard.exportXlsx')}</a>
          <a href={exportHref('figures', 'csv', params)}>{tx('dashboard.exportCsv')}</a>
          <Link href={`/dashboard/report?${new URLSearchParams({ unit: f.unit.id, month: f.window.to.slice(0, 7) })}`}>{tx('dashboard.report')}</Link>
        </form>
      </Space>
      <Row gutter={[12, 12]}>
        {kpi(tx('dashboard.today'), f.today.count, f.today.drill)}
        {kpi(tx('dashboard.total'), f.total.count, f.total.drill)}
        {kpi(tx('dashboard.completionRate'), percent(f.completion.rate), f.completion.drill)}
        {respond && kpi(`${tx('dashboard.onTime')} · ${name('clock', respond.clock)}`, percent(respond.onTime.rate), respond.onTime.drill)}
        {respond && kpi(`${tx('dashboard.avgMinutes')} · ${name('clock', respond.clock)}`, respond.averageMinutes ?? '—', respond.onTime.drill)}
        {onSite && kpi(`${tx('dashboard.avgMinutes')} · ${name('clock', onSite.clock)}`, onSite.averageMinutes ?? '—', onSite.onTime.drill)}
        {kpi(tx('dashboard.satisfaction'), percent(f.satisfaction.rate), f.satisfaction.drill)}
        {kpi(tx('dashboard.reopen'), percent(f.reopen.rate), f.reopen.drill)}
        {kpi(tx('dashboard.overdue'), f.overdue.count, f.overdue.drill, f.overdue.count > 0)}
        {kpi(tx('dashboard.supervised'), f.supervised.count, f.supervised.drill, f.supervised.count > 0)}
        {kpi(tx('dashboard.closures'), f.closures.count, f.closures.drill)}
        {(f.visits ?? []).map((v) => kpi(tx(visitorLabel(v.key)), v.count, v.drill))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={dark ? 12 : 14}>
          <Card size="small" title={<span style={text}>{tx('dashboard.map')}</span>} style={cardStyle}>
            <GridMap shapes={shapes} data={map} layers={result.data.plugins?.layers} entity={f.entity} dark={dark} height={dark ? 560 : 420} labels={{ open: tx('dashboard.mapLoad'), overdue: tx('dashboard.overdue'), zoomIn: tx('dashboard.mapZoomIn'), zoomOut: tx('dashboard.mapZoomOut'), map: tx('dashboard.mapLabel') }} />
          </Card>
        </Col>
        <Col xs={24} lg={dark ? 12 : 10}>
          <Card size="small" title={<span style={text}>{tx('dashboard.trend')}</span>} style={cardStyle}>
            <Chart
              dark={dark}
              onClick={(d) => go(d.drill)}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [tx('dashboard.newCases'), tx('dashboard.completed')], textStyle: text },
                grid: { left: 40, right: 16, top: 30, bottom: 24 },
                xAxis: { type: 'category', data: f.trend.map((d) => d.day.slice(5)) },
                yAxis: { type: 'value' },
                series: [
                  { name: tx('dashboard.newCases'), type: 'line', smooth: true, data: f.trend.map((d) => ({ value: d.total, drill: d.drill })) },
                  { name: tx('dashboard.completed'), type: 'line', smooth: true, data: f.trend.map((d) => ({ value: d.completed, drill: { ...d.drill, filter: { ...d.drill.filter, status: f.completion.drill.filter.status } } })) },
                ],
              }}
            />
          </Card>
          <Card size="small" title={<span style={text}>{tx('dashboard.hotSpots')}</span>} style={{ ...cardStyle, marginTop: 12 }}>
            <List
              size="small"
              dataSource={[
                ...hot.categories.slice(0, 5).map((h) => ({ ...h, label: name('category', h.key), kind: tx('dashboard.hotCategories') })),
                ...hot.places.slice(0, 5).map((h) => ({ ...h, label: h.name, kind: tx('dashboard.hotPlaces') })),
              ]}
              locale={{ emptyText: '—' }}
              renderItem={(h) => (
                <List.Item onClick={() => go(h.drill)} style={{ cursor: 'pointer', ...text }}>
                  <Tag color="red">{h.kind}</Tag> {h.label} · {tx('dashboard.observed')} {h.observed} / {tx('dashboard.expected')} {h.expected} (×{h.ratio})
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {!!result.data.plugins?.cards.length && (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          {result.data.plugins.cards.map((c) => (
            <Col xs={24} md={12} lg={dark ? 6 : 8} key={c.key}>
              <Card size="small" title={<span style={text}>{c.title}</span>} style={cardStyle} data-testid={`plugin-card-${c.key}`}>
                {!!c.inputs?.length && <CardInputs inputs={c.inputs} textStyle={text} />}
                {c.error ? (
                  <Alert type="warning" showIcon title={c.error} />
                ) : (
                  <List
                    size="small"
                    dataSource={c.figures}
                    locale={{ emptyText: tx('dashboard.noFigures') }}
                    renderItem={(fig) => (
                      <List.Item style={text} extra={<strong>{fig.value}</strong>}>
                        {fig.key}
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={8}>
          <Card size="small" title={<span style={text}>{tx('dashboard.byChannel')}</span>} style={cardStyle}>{breakdown('channel', f.byChannel, true)}</Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={<span style={text}>{tx('dashboard.byCategory')}</span>} style={cardStyle}>{breakdown('category', f.byCategory.slice(0, 12))}</Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={<span style={text}>{tx('dashboard.byStatus')}</span>} style={cardStyle}>{breakdown('status', f.byStatus)}</Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={16}>
          <Card size="small" title={<span style={text}>{tx('dashboard.ranking')}</span>} style={cardStyle}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={f.ranking}
              onRow={(r) => ({ onClick: () => go(r.drill), style: { cursor: 'pointer' } })}
              columns={[
                { title: '#', render: (_v, _r, i) => i + 1, width: 48 },
                { title: tx('dashboard.unit'), dataIndex: 'name' },
                { title: tx('dashboard.count'), dataIndex: 'total' },
                { title: tx('dashboard.completionRate'), dataIndex: 'completionRate', render: percent },
                { title: tx('dashboard.onTime'), dataIndex: 'onTimeRate', render: percent },
                { title: tx('dashboard.satisfaction'), dataIndex: 'satisfactionRate', render: percent },
                { title: tx('dashboard.supervised'), dataIndex: 'supervisions' },
                { title: tx('dashboard.score'), dataIndex: 'score', render: percent },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<span style={text}>{tx('dashboard.live')}</span>} style={cardStyle}>
            <List
              size="small"
              dataSource={events}
              locale={{ emptyText: tx('dashboard.noEvents') }}
              renderItem={(e) => (
                <List.Item style={text}>
                  <Tag>{tx(e.kind === 'broadcast' ? 'dashboard.event.broadcast' : e.type === 'created' ? 'dashboard.event.created' : e.type === 'notice.reminder' ? 'dashboard.event.reminder' : e.type === 'notice.supervision' ? 'dashboard.event.supervision' : 'dashboard.event.transition')}</Tag>
                  {e.kind === 'broadcast' ? e.title : `${e.recordId?.slice(-8)} ${e.toState ? name('status', e.toState) : ''}`}
                </List.Item>
              )}
            />
            {result.data.canBroadcast && <BroadcastForm lang={lang} unit={f.unit.id} />}
          </Card>
        </Col>
      </Row>
    </Layout>
  );
}

/** 下发指令 to the grid workers under the dashboard's unit (the server checks scope and content). */
function BroadcastForm({ lang, unit }: { lang: UiLang; unit: string }) {
  const tx = (key: UiKey) => uiText(lang, key);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const res = await fetch('/api/trpc/broadcast.send', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gridwork-lang': lang }, body: JSON.stringify({ unit, title, body }) });
      const json = await res.json();
      if (!res.ok) throw new Error(json?.error?.message ?? res.statusText);
      message.success(tx('dashboard.sent'));
      setTitle('');
      setBody('');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
      <Typography.Text strong>{tx('dashboard.broadcast')}</Typography.Text>
      <Input placeholder={tx('dashboard.broadcastTitle')} value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      <Input.TextArea placeholder={tx('dashboard.broadcastBody')} value={body} maxLength={4000} rows={3} onChange={(e) => setBody(e.target.value)} />
      <Button type="primary" loading={busy} onClick={send}>
        {tx('dashboard.send')}
      </Button>
    </Space>
  );
}
