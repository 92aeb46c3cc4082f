// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installStudioDomShims } from '../test-dom';
import type { OrgUnit } from './org-model';
import { OrgTreeEditor } from './org-tree-editor';

beforeAll(installStudioDomShims);
afterEach(cleanup);

const units: OrgUnit[] = [
  { id: 'd', name: '区', level: 'district', kind: 'area' },
  { id: 's', name: '街道', level: 'subdistrict', kind: 'area', parent: 'd' },
  { id: 'c', name: '社区', level: 'community', kind: 'area', parent: 's' },
];

function renderEditor() {
  const saved: { units: OrgUnit[]; rev: number | undefined }[] = [];
  render(
    <OrgTreeEditor
      units={units}
      rev={5}
      levels={[{ value: 'community', label: '社区' }]}
      save={async (next, rev) => {
        saved.push({ units: next, rev });
        return { rev: 6, issues: [] };
      }}
      lang="zh-CN"
    />,
  );
  return saved;
}

const saveButton = () => screen.getByRole('button', { name: /保存到草稿/ }) as HTMLButtonElement;

describe('org tree editor', () => {
  it('saves a renamed unit into the draft through the save bar', async () => {
    const saved = renderEditor();
    expect(saveButton().disabled).toBe(true);
    await act(async () => fireEvent.click(screen.getByText('街道')));
    const panel = document.querySelector<HTMLElement>('[data-panel="unit"]')!;
    await act(async () => fireEvent.change(within(panel).getAllByLabelText('名称')[0], { target: { value: '红山街道' } }));
    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: /重命名/ })));
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    await act(async () => fireEvent.click(saveButton()));
    expect(saved).toHaveLength(1);
    expect(saved[0].rev).toBe(5);
    expect(saved[0].units.find((u) => u.id === 's')!.name).toBe('红山街道');
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
  });

  it('refuses an edit that would break the tree: the reason shown, nothing to save', async () => {
    const saved = renderEditor();
    await act(async () => fireEvent.click(screen.getByText('区')));
    const panel = document.querySelector<HTMLElement>('[data-panel="unit"]')!;
    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: /删\s*除/ })));
    expect(screen.getByText('该单元下还有下级单元或网格，不能删除')).toBeTruthy();
    expect(screen.queryByText('有未保存的修改')).toBeNull();
    expect(saveButton().disabled).toBe(true);
    expect(saved).toHaveLength(0);
  });
});
