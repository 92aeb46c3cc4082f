'use client';

import { Button, Checkbox, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { localized, uiText, type UiKey, type UiLang } from '../../../i18n';
import { SaveToolbar } from '../save-toolbar';
import { useDraftSave, type DraftSaver } from '../use-draft-save';
import { scopeLabel } from './scope-labels';
import { ACTION_PATTERN, addPermission, PERMISSION_KEY, permissionsBySubject, removePermission, SCOPES, setRolePermission, updatePermission, type DistrictConfig, type Scope } from './roles-model';

export interface Option {
  value: string;
  label: string;
}

interface Row {
  key: string;
}

/**
 * Roles × permissions of district.json: a row per permission rule (subject, actions, scope, visible
 * fields, all editable in place) and a column per role, ticked when the role holds the rule.
 * Saving writes district.json into the draft; the server validates it and names what is wrong.
 */
export function RolesGrid(props: {
  district: DistrictConfig;
  rev: number;
  save: DraftSaver<DistrictConfig>;
  /** Fields per subject (entity subjects), for the field-visibility choice. */
  subjectFields: Record<string, Option[]>;
  onChange?: (district: DistrictConfig) => void;
  lang: UiLang;
}) {
  const { lang, subjectFields } = props;
  const tx = (k: UiKey) => uiText(lang, k);
  const [district, setDistrict] = useState(props.district);
  const draft = useDraftSave(props.save, props.rev);
  const [adding, setAdding] = useState<{ key: string; subject: string; actions: string[] } | null>(null);

  function change(next: DistrictConfig) {
    setDistrict(next);
    draft.changed();
    props.onChange?.(next);
  }

  const rows = useMemo<Row[]>(() => permissionsBySubject(district).flatMap(([, keys]) => keys.map((key) => ({ key }))), [district]);
  const subjects = useMemo(() => [...new Set([...Object.values(district.permissions).map((p) => p.subject), ...Object.keys(subjectFields)])], [district, subjectFields]);
  const columns = [
    {
      title: tx('studio.roles.permission'),
      key: 'permission',
      fixed: 'left' as const,
      width: 170,
      render: (_: unknown, row: Row) => {
        const rule = district.permissions[row.key];
        return (
          <div data-permission={row.key}>
            <code>{row.key}</code> {rule.inverted && <Tag color="red">{tx('studio.roles.inverted')}</Tag>}
            {rule.description && <div style={{ color: '#666', fontSize: 12 }}>{rule.description}</div>}
          </div>
        );
      },
    },
    { title: tx('studio.roles.subject'), key: 'subject', width: 100, render: (_: unknown, row: Row) => <Tag>{district.permissions[row.key].subject}</Tag> },
    {
      title: tx('studio.roles.actions'),
      key: 'actions',
      width: 190,
      render: (_: unknown, row: Row) => (
        <Select
          mode="tags"
          size="small"
          aria-label={`${tx('studio.roles.actions')} ${row.key}`}
          style={{ width: '100%' }}
          value={district.permissions[row.key].actions}
          onChange={(actions: string[]) => {
            const valid = actions.filter((a) => ACTION_PATTERN.test(a));
            if (valid.length) change(updatePermission(district, row.key, { actions: valid as [string, ...string[]] }));
          }}
        />
      ),
    },
    {
      title: tx('studio.roles.scope'),
      key: 'scope',
      width: 130,
      render: (_: unknown, row: Row) => (
        <Select
          size="small"
          aria-label={`${tx('studio.roles.scope')} ${row.key}`}
          style={{ width: '100%' }}
          value={district.permissions[row.key].scope ?? 'all'}
          options={SCOPES.map((s) => ({ value: s, label: scopeLabel(lang, s) }))}
          onChange={(scope: Scope) => change(updatePermission(district, row.key, { scope }))}
        />
      ),
    },
    {
      title: tx('studio.roles.fields'),
      key: 'fields',
      width: 180,
      render: (_: unknown, row: Row) => {
        const rule = district.permissions[row.key];
        return (
          <Select
            mode="tags"
            size="small"
            aria-label={`${tx('studio.roles.fields')} ${row.key}`}
            placeholder={tx('studio.roles.allFields')}
            style={{ width: '100%' }}
            value={rule.fields ?? []}
            options={subjectFields[rule.subject] ?? []}
            onChange={(fields: string[]) => change(updatePermission(district, row.key, { fields }))}
          />
        );
      },
    },
    ...district.roles.map((role) => ({
      title: <Tooltip title={role.key}>{localized(role.label, lang)}</Tooltip>,
      key: `role:${role.key}`,
      width: 80,
      align: 'center' as const,
      render: (_: unknown, row: Row) => (
        <Checkbox
          aria-label={`${localized(role.label, lang)} · ${row.key}`}
          data-role={role.key}
          checked={role.permissions.includes(row.key)}
          onChange={(e) => change(setRolePermission(district, role.key, row.key, e.target.checked))}
        />
      ),
    })),
    {
      title: '',
      key: 'remove',
      width: 70,
      render: (_: unknown, row: Row) => (
        <Button size="small" danger type="link" onClick={() => change(removePermission(district, row.key))}>
          {tx('studio.edit.remove')}
        </Button>
      ),
    },
  ];
  const addProblem = adding && adding.key && (!PERMISSION_KEY.test(adding.key) ? 'studio.edit.keyFormat' : district.permissions[adding.key] ? 'studio.edit.keyTaken' : null);
  return (
    <div>
      <SaveToolbar state={draft} onSave={() => draft.save(district)} lang={lang}>
        <Button onClick={() => setAdding({ key: '', subject: 'Case', actions: ['read'] })}>{tx('studio.roles.addPermission')}</Button>
      </SaveToolbar>
      {adding && (
        <Space wrap style={{ marginBottom: 8, padding: 8, border: '1px dashed #d9d9d9', borderRadius: 6 }} data-panel="add-permission">
          <Input aria-label={tx('studio.edit.key')} placeholder={tx('studio.edit.key')} value={adding.key} status={addProblem ? 'error' : undefined} onChange={(e) => setAdding({ ...adding, key: e.target.value.trim() })} />
          <Select aria-label={tx('studio.roles.subject')} style={{ minWidth: 140 }} value={adding.subject} options={subjects.map((s) => ({ value: s, label: s }))} onChange={(subject) => setAdding({ ...adding, subject })} />
          <Select mode="tags" aria-label={tx('studio.roles.actions')} style={{ minWidth: 200 }} value={adding.actions} onChange={(actions: string[]) => setAdding({ ...adding, actions: actions.filter((a) => ACTION_PATTERN.test(a)) })} />
          {addProblem && <span style={{ color: '#d4380d' }}>{tx(addProblem)}</span>}
          <Button
            type="primary"
            disabled={!adding.key || !!addProblem || !adding.actions.length}
            onClick={() => {
              change(addPermission(district, adding.key, { actions: adding.actions as [string, ...string[]], subject: adding.subject }));
              setAdding(null);
            }}
          >
            {tx('studio.edit.add')}
          </Button>
          <Button onClick={() => setAdding(null)}>{tx('studio.edit.cancel')}</Button>
        </Space>
      )}
      <Table<Row> rowKey="key" size="small" bordered pagination={false} columns={columns} dataSource={rows} scroll={{ x: 'max-content' }} data-testid="roles-grid" />
    </div>
  );
}
