'use client';

import { Alert, Button, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { uiText, type UiLang } from '../../i18n';
import { IssueList } from './issue-list';
import type { DraftSaveState } from './use-draft-save';

/**
 * A studio editor's save bar: "save to draft" (enabled once something changed), the editor's own
 * buttons (children), unsaved / saved marks, then the draft's issues after a save or the reasons
 * the server refused it.
 *
 * `file` is the config file the editor edits (its issues are listed without the file name);
 * `draftIssues={false}` leaves the draft's issues to the editor, which lists them itself (the
 * workflow editor, beside the problems it finds as you edit).
 */
export function SaveToolbar({
  state,
  onSave,
  lang,
  file,
  draftIssues = true,
  children,
}: {
  state: DraftSaveState;
  onSave: () => void;
  lang: UiLang;
  file?: string;
  draftIssues?: boolean;
  children?: ReactNode;
}) {
  const tx = (k: Parameters<typeof uiText>[1]) => uiText(lang, k);
  const { dirty, saving, saved, refusal } = state;
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button type="primary" loading={saving} disabled={!dirty} onClick={onSave}>
          {tx('studio.edit.saveDraft')}
        </Button>
        {children}
        {dirty && <Tag color="orange">{tx('studio.edit.unsaved')}</Tag>}
        {saved && <Tag color="green">{tx('studio.edit.savedToDraft')}</Tag>}
      </Space>
      {draftIssues && saved && saved.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={tx('studio.edit.draftIssues')} description={<IssueList issues={saved} file={file} />} />
      )}
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="save-refusal"
          style={{ marginBottom: 8 }}
          title={`${tx('studio.edit.saveRefused')}: ${refusal.message}`}
          description={<IssueList issues={refusal.issues} file={file} />}
        />
      )}
    </>
  );
}
