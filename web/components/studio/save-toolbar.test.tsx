// @vitest-environment happy-dom
import { TRPCClientError } from '@trpc/client';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SaveToolbar } from './save-toolbar';
import type { StudioIssue } from './studio-issues';
import { installStudioDomShims } from './test-dom';
import { useDraftSave, type DraftSaver } from './use-draft-save';

beforeAll(installStudioDomShims);
afterEach(cleanup);

const refused = (message: string, issues: StudioIssue[]) => new TRPCClientError(message, { result: { error: { message, code: -32600, data: { issues } } } } as never);

/** A minimal editor: one text field, saved through the toolbar like the org tree and the roles grid. */
function Editor({ saver }: { saver: DraftSaver<string> }) {
  const [text, setText] = useState('a');
  const draft = useDraftSave(saver, 7);
  return (
    <div>
      <SaveToolbar state={draft} onSave={() => draft.save(text)} lang="zh-CN">
        <button type="button">extra</button>
      </SaveToolbar>
      <input
        aria-label="text"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          draft.changed();
        }}
      />
    </div>
  );
}

/** Answers each save with the next of `answers` (an issue list, or an error to throw), recording what was sent. */
function scripted(answers: (StudioIssue[] | Error)[]) {
  const calls: { content: string; rev: number | undefined }[] = [];
  let rev = 7;
  const saver: DraftSaver<string> = async (content, sentRev) => {
    calls.push({ content, rev: sentRev });
    const answer = answers.shift()!;
    if (answer instanceof Error) throw answer;
    return { rev: ++rev, issues: answer };
  };
  return { saver, calls };
}

const saveButton = () => screen.getByRole('button', { name: /保存到草稿/ }) as HTMLButtonElement;
const edit = (value: string) => act(async () => fireEvent.change(screen.getByLabelText('text'), { target: { value } }));
const save = () => act(async () => fireEvent.click(saveButton()));

describe('studio save toolbar', () => {
  it('saves only once something changed, and each save starts from the revision the last one returned', async () => {
    const { saver, calls } = scripted([[], []]);
    render(<Editor saver={saver} />);
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'extra' })).toBeTruthy();
    expect(screen.queryByText('有未保存的修改')).toBeNull();

    await edit('b');
    expect(saveButton().disabled).toBe(false);
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    await save();
    expect(calls).toEqual([{ content: 'b', rev: 7 }]);
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
    expect(screen.queryByText('有未保存的修改')).toBeNull();
    expect(saveButton().disabled).toBe(true);
    // No issues: no warning.
    expect(screen.queryByText(/草稿整体还有以下问题/)).toBeNull();

    await edit('c');
    // A new edit: the last save's outcome no longer describes what is on screen.
    expect(screen.queryByText('已保存到草稿')).toBeNull();
    await save();
    expect(calls[1]).toEqual({ content: 'c', rev: 8 });
  });

  it('lists the draft’s issues after a save that the server accepted with problems', async () => {
    const { saver } = scripted([[{ file: 'org/units.json', path: '/3/parent', message: '上级单元不存在' }]]);
    render(<Editor saver={saver} />);
    await edit('b');
    await save();
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
    const warning = screen.getByText(/草稿整体还有以下问题/).closest('.ant-alert')!;
    expect(warning.textContent).toContain('org/units.json');
    expect(warning.textContent).toContain('/3/parent');
    expect(warning.textContent).toContain('上级单元不存在');
    expect(screen.queryByText(/保存被拒绝/)).toBeNull();
  });

  it('shows a refused save with its reasons, keeps the change unsaved and retries from the same revision', async () => {
    const { saver, calls } = scripted([refused('配置无效', [{ file: 'district.json', path: '/roles/0/permissions/2', message: '未知的权限 caseFly' }]), []]);
    render(<Editor saver={saver} />);
    await edit('b');
    await save();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('保存被拒绝: 配置无效');
    expect(alert.textContent).toContain('/roles/0/permissions/2');
    expect(alert.textContent).toContain('未知的权限 caseFly');
    expect(screen.queryByText('已保存到草稿')).toBeNull();
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    expect(saveButton().disabled).toBe(false);

    await save();
    expect(calls.map((c) => c.rev)).toEqual([7, 7]);
    expect(screen.queryByText(/保存被拒绝/)).toBeNull();
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
  });
});
