'use client';

import { Alert, Card, Select, Space, Spin, Table, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { fill, uiText, type UiKey, type UiLang } from '../../../i18n';
import { errorOf } from '../studio-issues';

/** studio.viewAs's answer (STUDIO.md). */
export interface ViewAsResult {
  user: { id: string; username: string; name: string };
  assignments: { role: string; roleLabel: string; unitId: string; unitName: string }[];
  subjects: { subject: string; entity?: string; actions: string[]; fields: 'all' | string[]; scope: string }[];
  sample?: { entity: string; total: number; rows: { id: string; orgUnitId: string; status: string | null; title: string }[] };
}

export interface UserOption {
  value: string;
  label: string;
}

/**
 * "View as user": pick a user, see their roles where they hold them, what they may do per subject
 * (actions, visible fields, scope) and the records they would see — computed by the server from
 * the rules as saved, through the same filter as their own list pages.
 */
export function ViewAs(props: {
  searchUsers: (query: string) => Promise<UserOption[]>;
  viewAs: (userId: string, entity: string | undefined) => Promise<ViewAsResult>;
  /** Entities whose records can be sampled (the case entity first). */
  entities: UserOption[];
  lang: UiLang;
  scopeLabel: (scope: string) => string;
}) {
  const { lang } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const [options, setOptions] = useState<UserOption[]>([]);
  const [userId, setUserId] = useState<string>();
  const [entity, setEntity] = useState<string | undefined>(props.entities[0]?.value);
  const [result, setResult] = useState<ViewAsResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef('');

  async function search(query: string) {
    latest.current = query;
    const found = await props.searchUsers(query).catch(() => []);
    if (latest.current === query) setOptions(found);
  }
  useEffect(() => void search(''), []);

  async function pick(id: string | undefined, sampled = entity) {
    setUserId(id);
    if (!id) return;
    setLoading(true);
    setError(null);
    try {
      setResult(await props.viewAs(id, sampled));
    } catch (e) {
      setResult(null);
      setError(errorOf(e).message);
    } finally {
      setLoading(false);
    }
  }

  return (
    <Card title={tx('studio.viewAs.title')} size="small" data-testid="view-as">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          showSearch={{ filterOption: false, onSearch: search }}
          aria-label={tx('studio.viewAs.user')}
          placeholder={tx('studio.viewAs.pick')}
          style={{ width: 320 }}
          value={userId}
          options={options}
          onChange={(id) => pick(id)}
        />
        {props.entities.length > 1 && (
          <Select
            aria-label={tx('studio.viewAs.entity')}
            style={{ width: 200, marginLeft: 8 }}
            value={entity}
            options={props.entities}
            onChange={(e) => {
              setEntity(e);
              void pick(userId, e);
            }}
          />
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        {loading && <Spin />}
        {result && !loading && (
          <div data-testid="view-as-result">
            <p style={{ margin: '4px 0' }}>
              <strong>{result.user.name}</strong> ({result.user.username}){' '}
              {result.assignments.length === 0 && <Tag>{tx('studio.viewAs.noRoles')}</Tag>}
              {result.assignments.map((a) => (
                <Tag key={`${a.role}@${a.unitId}`} color="blue">
                  {a.roleLabel} @ {a.unitName}
                </Tag>
              ))}
            </p>
            <Table
              size="small"
              pagination={false}
              rowKey={(s) => `${s.subject}:${s.scope}:${s.actions.join(',')}`}
              dataSource={result.subjects}
              columns={[
                { title: tx('studio.roles.subject'), key: 'subject', render: (_, s) => s.entity ?? s.subject },
                { title: tx('studio.roles.actions'), key: 'actions', render: (_, s) => s.actions.map((a) => <Tag key={a}>{a}</Tag>) },
                { title: tx('studio.roles.scope'), key: 'scope', render: (_, s) => props.scopeLabel(s.scope) },
                { title: tx('studio.roles.fields'), key: 'fields', render: (_, s) => (s.fields === 'all' ? tx('studio.roles.allFields') : s.fields.join('、')) },
              ]}
            />
            {result.sample && (
              <div style={{ marginTop: 8 }} data-testid="view-as-sample">
                <h4 style={{ margin: '4px 0' }}>{fill(tx('studio.viewAs.sample'), { total: result.sample.total })}</h4>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="id"
                  dataSource={result.sample.rows}
                  columns={[
                    { title: tx('studio.viewAs.recordTitle'), dataIndex: 'title', key: 'title' },
                    { title: tx('studio.viewAs.unit'), dataIndex: 'orgUnitId', key: 'orgUnitId' },
                    { title: tx('studio.viewAs.status'), dataIndex: 'status', key: 'status' },
                  ]}
                />
              </div>
            )}
          </div>
        )}
      </Space>
    </Card>
  );
}
