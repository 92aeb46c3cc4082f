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

/**
 * A minimal editor: one text field, saved through the toolbar like the org tree and the roles grid;
 * with `autosave`, each edit saves at once, like a dropped drag in the workflow editor.
 */
function Editor({ saver, autosave, file, draftIssues }: { saver: DraftSaver<string>; autosave?: boolean; file?: string; draftIssues?: boolean }) {
  const [text, setText] = useState('a');
  const draft = useDraftSave(saver, 7);
  return (
    <div>
      <SaveToolbar state={draft} onSave={() => draft.save(text)} lang="zh-CN" file={file} draftIssues={draftIssues}>
        <button type="button">extra</button>
      </SaveToolbar>
      <input
        aria-label="text"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          draft.changed();
          if (autosave) void draft.save(e.target.value);
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

/** A saver whose saves wait until the test answers them, one at a time, in order. */
function gated() {
  const calls: { content: string; rev: number | undefined }[] = [];
  const waiting: (() => void)[] = [];
  let rev = 7;
  const saver: DraftSaver<string> = (content, sentRev) => {
    calls.push({ content, rev: sentRev });
    return new Promise((resolve) => waiting.push(() => resolve({ rev: ++rev, issues: [] })));
  };
  const answer = () => act(async () => waiting.shift()!());
  return { saver, calls, answer, waiting };
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

  it('runs saves asked for before the last one is answered one after the other, each on the revision the one before returned', async () => {
    const { saver, calls, answer, waiting } = gated();
    render(<Editor saver={saver} autosave />);
    await edit('b');
    await edit('c');
    // The second waits for the first: sent now, it would carry rev 7 again and be refused.
    expect(calls).toEqual([{ content: 'b', rev: 7 }]);
    expect(saveButton().classList.contains('ant-btn-loading')).toBe(true);

    await answer();
    expect(calls).toEqual([
      { content: 'b', rev: 7 },
      { content: 'c', rev: 8 },
    ]);
    // "b" is saved, but what is on screen is "c": still unsaved, and still saving.
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    expect(screen.queryByText('已保存到草稿')).toBeNull();
    expect(saveButton().classList.contains('ant-btn-loading')).toBe(true);

    await answer();
    expect(waiting).toHaveLength(0);
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
    expect(screen.queryByText('有未保存的修改')).toBeNull();
    expect(saveButton().classList.contains('ant-btn-loading')).toBe(false);
  });

  it('an edit made while a save is in flight stays unsaved when that save is answered', async () => {
    const { saver, calls, answer } = gated();
    render(<Editor saver={saver} />);
    await edit('b');
    await save();
    await edit('c');
    await answer();
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    expect(screen.queryByText('已保存到草稿')).toBeNull();
    expect(saveButton().disabled).toBe(false);
    await save();
    expect(calls[1]).toEqual({ content: 'c', rev: 8 });
    await answer();
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
  });

  it('lists the edited file’s issues without its name, other files’ with theirs; the editor may list the draft’s issues itself', async () => {
    const issues = [
      { file: 'workflows/case-workflow.json', path: '/states/3', message: '状态 onSite 没有出口' },
      { file: 'district.json', path: '/roles/0', message: '未知的角色' },
    ];
    const { saver } = scripted([refused('配置无效', issues), issues]);
    render(<Editor saver={saver} file="workflows/case-workflow.json" draftIssues={false} />);
    await edit('b');
    await save();
    const refusal = screen.getByTestId('save-refusal');
    expect(refusal.textContent).toContain('/states/3 状态 onSite 没有出口');
    expect(refusal.textContent).not.toContain('workflows/case-workflow.json');
    expect(refusal.textContent).toContain('district.json');

    await save();
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
    expect(screen.queryByTestId('save-refusal')).toBeNull();
    // Saved with issues, but no warning here: this editor shows them its own way.
    expect(screen.queryByText(/草稿整体还有以下问题/)).toBeNull();
  });
});
