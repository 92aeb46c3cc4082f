'use client';

import { Alert, Button, Input, Modal, Popconfirm, Table, Tag } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ConfigDiff, Conversion } from '../../../core/studio';
import { fill, uiText, type UiKey, type UiLang } from '../../i18n';
import { callError, trpc, type ServerIssue } from '../../lib/trpc-client';
import { ConfigDiffView } from './config-diff-view';

export interface VersionRow {
  version: number;
  source: 'files' | 'studio' | 'rollback' | 'import';
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  changed: string[];
}

export interface VersionsViewProps {
  lang: UiLang;
  activeVersion: number;
  /** The draft against the running version, or null without a draft. */
  diff: ConfigDiff | null;
  versions: VersionRow[];
  timeZone: string;
}

const SOURCE_LABEL: Record<VersionRow['source'], UiKey> = {
  files: 'studio.source.files',
  studio: 'studio.source.studio',
  rollback: 'studio.source.rollback',
  import: 'studio.source.import',
};

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string; issues: ServerIssue[] };

function flatten(chosen: Record<string, Record<string, string>>): Conversion[] {
  return Object.entries(chosen).flatMap(([entity, fields]) => Object.entries(fields).map(([field, conversion]) => ({ entity, field, conversion })));
}

/**
 * Versions and publishing: the draft's diff and the data migration it implies (refusals with a
 * conversion to choose), publishing with a note, the version history, and rollback to a version.
 */
export function VersionsView({ lang, activeVersion, diff, versions, timeZone }: VersionsViewProps) {
  const tx = (key: UiKey) => uiText(lang, key);
  const router = useRouter();
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<Record<string, Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  const [rollbackNote, setRollbackNote] = useState('');
  const [compare, setCompare] = useState<{ version: number; diff: ConfigDiff } | null>(null);
  const format = new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'short', timeStyle: 'medium' });

  const unresolved = diff?.migrations.flatMap((m) => m.refused.filter((r) => !chosen[m.entity]?.[r.field]).map((r) => `${m.entity}.${r.field}`)) ?? [];
  const blocked = !diff || diff.issues.length > 0 || unresolved.length > 0;

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'ok', text: await action() });
      router.refresh();
    } catch (e) {
      const failure = callError(e);
      setOutcome({ kind: 'error', text: failure.message, issues: failure.issues });
    } finally {
      setBusy(false);
    }
  }

  const publish = () =>
    run(async () => {
      const res = await trpc.studio.publish.mutate({ note: note.trim() || undefined, conversions: flatten(chosen) });
      setNote('');
      setChosen({});
      return fill(tx('studio.versions.published'), { version: res.version });
    });

  const discard = () =>
    run(async () => {
      await trpc.studio.discardDraft.mutate();
      return tx('studio.versions.discarded');
    });

  const rollback = () => {
    const to = rollbackTo!;
    setRollbackTo(null);
    return run(async () => {
      const res = await trpc.studio.rollback.mutate({ toVersion: to, note: rollbackNote.trim() || undefined });
      setRollbackNote('');
      return fill(tx('studio.versions.rolledBack'), { version: res.version, to });
    });
  };

  async function showChanges(version: number) {
    try {
      setCompare({ version, diff: await trpc.studio.diff.query({ from: version - 1, to: version }) });
    } catch (e) {
      setOutcome({ kind: 'error', text: callError(e).message, issues: [] });
    }
  }

  return (
    <div className="gw-studio-versions">
      {outcome?.kind === 'ok' && <Alert type="success" showIcon role="status" title={outcome.text} style={{ marginBottom: 12 }} data-outcome="ok" />}
      {outcome?.kind === 'error' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={outcome.text}
          data-outcome="error"
          description={
            outcome.issues.length > 0 && (
              <ul>
                {outcome.issues.map((i, n) => (
                  <li key={n}>
                    <code>{[i.file, i.path].filter(Boolean).join(' ')}</code> {i.message}
                  </li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 12 }}
        />
      )}

      <section aria-labelledby="studio-draft">
        <h2 id="studio-draft">{tx('studio.versions.draft')}</h2>
        {!diff ? (
          <p className="gw-studio-hint">{fill(tx('studio.draft.none'), { version: activeVersion })}</p>
        ) : (
          <>
            {diff.issues.length > 0 && (
              <Alert
                type="error"
                showIcon
                title={fill(tx('studio.versions.issues'), { count: diff.issues.length })}
                description={
                  <ul data-draft-issues>
                    {diff.issues.map((i, n) => (
                      <li key={n}>
                        <code>{[i.file, i.path].filter(Boolean).join(' ')}</code> {i.message}
                      </li>
                    ))}
                  </ul>
                }
                style={{ marginBottom: 12 }}
              />
            )}
            <ConfigDiffView
              lang={lang}
              diff={diff}
              conversions={chosen}
              onConversion={(entity, field, conversion) =>
                setChosen((c) => {
                  const fields = { ...(c[entity] ?? {}) };
                  if (conversion) fields[field] = conversion;
                  else delete fields[field];
                  return { ...c, [entity]: fields };
                })
              }
            />
            <div className="gw-studio-publish">
              <label htmlFor="studio-publish-note">{tx('studio.versions.note')}</label>
              <Input.TextArea id="studio-publish-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
              {unresolved.length > 0 && <p className="gw-studio-error">{fill(tx('studio.versions.chooseConversions'), { fields: unresolved.join('、') })}</p>}
              <div style={{ display: 'flex', gap: 8, marginTop: 8, flexWrap: 'wrap' }}>
                <Popconfirm title={tx('studio.versions.publishConfirm')} onConfirm={publish} okText={tx('studio.confirm')} cancelText={tx('studio.cancel')} disabled={blocked || busy}>
                  <Button type="primary" disabled={blocked || busy} loading={busy} data-publish>
                    {tx('studio.versions.publish')}
                  </Button>
                </Popconfirm>
                <Popconfirm title={tx('studio.versions.discardConfirm')} onConfirm={discard} okText={tx('studio.confirm')} cancelText={tx('studio.cancel')}>
                  <Button danger disabled={busy}>
                    {tx('studio.versions.discard')}
                  </Button>
                </Popconfirm>
              </div>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="studio-history">
        <h2 id="studio-history">{tx('studio.versions.history')}</h2>
        <Table
          size="small"
          rowKey="version"
          pagination={versions.length > 20 ? { pageSize: 20 } : false}
          dataSource={versions}
          onRow={(v) => ({ 'data-version': v.version }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: tx('studio.versions.version'),
              dataIndex: 'version',
              render: (v: number) => (
                <>
                  v{v} {v === activeVersion && <Tag color="green">{tx('studio.versions.active')}</Tag>}
                </>
              ),
            },
            { title: tx('studio.versions.source'), dataIndex: 'source', render: (s: VersionRow['source']) => <Tag>{tx(SOURCE_LABEL[s])}</Tag> },
            { title: tx('studio.versions.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
            { title: tx('studio.versions.by'), dataIndex: 'createdBy', render: (n: string | null) => n ?? '' },
            { title: tx('studio.versions.at'), dataIndex: 'createdAt', render: (at: string) => format.format(new Date(at)) },
            { title: tx('studio.versions.changed'), dataIndex: 'changed', render: (c: string[]) => c.join('、') },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, v: VersionRow) => (
                <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                  {v.version > 1 && (
                    <Button size="small" onClick={() => showChanges(v.version)}>
                      {tx('studio.versions.showChanges')}
                    </Button>
                  )}
                  {v.version !== activeVersion && (
                    <Button size="small" danger onClick={() => setRollbackTo(v.version)} data-rollback={v.version}>
                      {tx('studio.versions.rollback')}
                    </Button>
                  )}
                </div>
              ),
            },
          ]}
        />
      </section>

      <Modal
        open={rollbackTo !== null}
        title={fill(tx('studio.versions.rollbackTitle'), { version: rollbackTo ?? 0 })}
        okText={tx('studio.versions.rollback')}
        cancelText={tx('studio.cancel')}
        okButtonProps={{ danger: true }}
        onOk={rollback}
        onCancel={() => setRollbackTo(null)}
      >
        <p>{fill(tx('studio.versions.rollbackExplain'), { version: rollbackTo ?? 0 })}</p>
        <label htmlFor="studio-rollback-note">{tx('studio.versions.note')}</label>
        <Input id="studio-rollback-note" value={rollbackNote} maxLength={500} onChange={(e) => setRollbackNote(e.target.value)} />
      </Modal>

      <Modal open={compare !== null} width={960} footer={null} title={fill(tx('studio.versions.changesOf'), { version: compare?.version ?? 0 })} onCancel={() => setCompare(null)}>
        {compare && <ConfigDiffView lang={lang} diff={compare.diff} />}
      </Modal>
    </div>
  );
}
