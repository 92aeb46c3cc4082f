'use client';

import { Collapse, Select, Table, Tag } from 'antd';
import type { ConfigDiff } from '../../../core/studio';
import type { PlanStep } from '../../../core/entities';
import { fill, uiText, type UiKey, type UiLang } from '../../i18n';

const CHANGE_LABEL: Record<'added' | 'modified' | 'removed', UiKey> = {
  added: 'studio.change.added',
  modified: 'studio.change.modified',
  removed: 'studio.change.removed',
};
const CHANGE_COLOR = { added: 'green', modified: 'blue', removed: 'red' } as const;
const OP_LABEL: Record<'add' | 'remove' | 'replace', UiKey> = { add: 'studio.op.add', remove: 'studio.op.remove', replace: 'studio.op.replace' };
const EFFECT_LABEL: Record<'added' | 'renamed' | 'retired' | 'restored' | 'converted', UiKey> = {
  added: 'studio.effect.added',
  renamed: 'studio.effect.renamed',
  retired: 'studio.effect.retired',
  restored: 'studio.effect.restored',
  converted: 'studio.effect.converted',
};

const CONVERSION_LABEL: Record<string, UiKey> = {
  toText: 'studio.conversion.toText',
  parseNumber: 'studio.conversion.parseNumber',
  toNumber: 'studio.conversion.toNumber',
  round: 'studio.conversion.round',
  restore: 'studio.conversion.restore',
};

/** A value of a JSON pointer change, short enough for a table cell. */
function short(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** One table-migration step in words. */
export function stepText(lang: UiLang, step: PlanStep): string {
  const tx = (key: UiKey, params: Record<string, string | number>) => fill(uiText(lang, key), params);
  switch (step.op) {
    case 'createTable':
      return tx('studio.step.createTable', { count: step.columns.length });
    case 'addColumn':
      return tx('studio.step.addColumn', { field: step.field, type: step.type });
    case 'renameColumn':
      return tx('studio.step.renameColumn', { from: step.from, to: step.to });
    case 'retireColumn':
      return tx('studio.step.retireColumn', { field: step.field, as: step.as });
    case 'restoreColumn':
      return tx('studio.step.restoreColumn', { from: step.from, to: step.to });
    case 'convertColumn':
      return tx('studio.step.convertColumn', { field: step.field, from: step.from, to: step.to, conversion: step.conversion, keepAs: step.keepAs });
    case 'createIndex':
      return tx('studio.step.createIndex', { name: step.name });
    case 'dropIndex':
      return tx('studio.step.dropIndex', { name: step.name });
  }
}

export interface ConfigDiffViewProps {
  lang: UiLang;
  diff: ConfigDiff;
  /** entity → field → chosen conversion, for type changes refused without one. */
  conversions?: Record<string, Record<string, string>>;
  onConversion?: (entity: string, field: string, conversion: string | undefined) => void;
}

/** What a change of config does: files with their JSON pointer changes, and the data migrations with their effects and refusals. */
export function ConfigDiffView({ lang, diff, conversions = {}, onConversion }: ConfigDiffViewProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  return (
    <div className="gw-studio-diff" data-diff>
      <h3>{tx('studio.diff.files')}</h3>
      {diff.files.length === 0 ? (
        <p className="gw-studio-hint">{tx('studio.diff.noChanges')}</p>
      ) : (
        <Collapse
          items={diff.files.map((f) => ({
            key: f.path,
            label: (
              <span data-diff-file={f.path}>
                <Tag color={CHANGE_COLOR[f.change]}>{tx(CHANGE_LABEL[f.change])}</Tag>
                <code>{f.path}</code> · {fill(tx('studio.diff.changeCount'), { count: f.changes.length })}
                {f.truncated ? ` ${tx('studio.diff.truncated')}` : ''}
              </span>
            ),
            children: (
              <Table
                size="small"
                rowKey={(c) => `${c.op}${c.pointer}`}
                pagination={f.changes.length > 50 ? { pageSize: 50 } : false}
                dataSource={f.changes}
                columns={[
                  { title: tx('studio.diff.op'), dataIndex: 'op', width: 80, render: (op: 'add' | 'remove' | 'replace') => tx(OP_LABEL[op]) },
                  { title: tx('studio.diff.pointer'), dataIndex: 'pointer', render: (p: string) => <code>{p}</code> },
                  { title: tx('studio.diff.before'), dataIndex: 'before', render: (v: unknown) => <code className="gw-studio-value">{short(v)}</code> },
                  { title: tx('studio.diff.after'), dataIndex: 'after', render: (v: unknown) => <code className="gw-studio-value">{short(v)}</code> },
                ]}
              />
            ),
          }))}
        />
      )}

      <h3>{tx('studio.diff.migrations')}</h3>
      {diff.migrations.length === 0 ? (
        <p className="gw-studio-hint">{tx('studio.diff.noMigrations')}</p>
      ) : (
        diff.migrations.map((m) => (
          <section key={m.entity} className="gw-studio-migration" data-migration={m.entity}>
            <h4>
              <code>{m.entity}</code> · {fill(tx('studio.diff.entityVersions'), { from: m.fromVersion, to: m.toVersion })}
            </h4>
            {m.steps.length > 0 && (
              <ol className="gw-studio-steps">
                {m.steps.map((s, i) => (
                  <li key={i}>{stepText(lang, s)}</li>
                ))}
              </ol>
            )}
            {m.effects.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.effect}:${e.field}`}
                pagination={false}
                dataSource={m.effects}
                columns={[
                  { title: tx('studio.diff.field'), dataIndex: 'field', render: (f: string) => <code>{f}</code> },
                  { title: tx('studio.diff.effect'), dataIndex: 'effect', render: (e: keyof typeof EFFECT_LABEL) => <Tag>{tx(EFFECT_LABEL[e])}</Tag> },
                  { title: tx('studio.diff.records'), dataIndex: 'records' },
                  { title: tx('studio.diff.note'), dataIndex: 'note' },
                ]}
              />
            )}
            {m.refused.map((r) => (
              <div key={r.field} className="gw-studio-refused" role="alert" data-refused={`${m.entity}.${r.field}`}>
                <strong>{fill(tx('studio.diff.refused'), { field: r.field, from: r.from, to: r.to, records: r.records })}</strong>
                <p>{r.reason}</p>
                {r.conversions.length > 0 && onConversion && (
                  <label>
                    {tx('studio.diff.chooseConversion')}{' '}
                    <Select
                      aria-label={fill(tx('studio.diff.conversionFor'), { field: r.field })}
                      style={{ minWidth: 180 }}
                      allowClear
                      value={conversions[m.entity]?.[r.field]}
                      onChange={(v?: string) => onConversion(m.entity, r.field, v)}
                      options={r.conversions.map((c) => ({ value: c, label: CONVERSION_LABEL[c] ? tx(CONVERSION_LABEL[c]) : c }))}
                    />
                  </label>
                )}
              </div>
            ))}
          </section>
        ))
      )}
    </div>
  );
}
