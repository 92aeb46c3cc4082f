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
 */
export function SaveToolbar({ state, onSave, lang, children }: { state: DraftSaveState; onSave: () => void; lang: UiLang; children?: ReactNode }) {
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
      {saved && saved.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={tx('studio.edit.draftIssues')} description={<IssueList issues={saved} />} />}
      {refusal && <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} title={`${tx('studio.edit.saveRefused')}: ${refusal.message}`} description={<IssueList issues={refusal.issues} />} />}
    </>
  );
}
