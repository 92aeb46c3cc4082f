// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgImportStatus } from '../../../../core/org-import';
import { installStudioDomShims } from '../test-dom';
import { ImportReport } from './import-report';
import { OrgImport, type OrgImportTransport } from './org-import';
import { moveUnit, orgTree, removeUnit, type OrgUnit } from './org-model';

beforeAll(installStudioDomShims);
afterEach(cleanup);

const base: OrgImportStatus = { state: 'running', phase: 'validating', processed: 0, total: 0, accepted: 0, rejected: 0, rejections: [], dryRun: true, applied: false };

describe('import report', () => {
  it('shows the check’s progress while the server validates', () => {
    render(<ImportReport lang="zh-CN" status={{ ...base, processed: 7000, total: 28000, accepted: 6990, rejected: 10 }} />);
    expect(screen.getByTestId('import-report').getAttribute('data-state')).toBe('running');
    expect(screen.getByText('正在逐行校验…')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
  });

  it('lists rejected rows with their reasons once done', () => {
    const status: OrgImportStatus = { ...base, state: 'done', processed: 3, total: 3, accepted: 2, rejected: 1, rejections: [{ row: 2, id: 'xg-bad', reasons: ['上级单元 xg-nowhere 不存在'] }] };
    render(<ImportReport lang="zh-CN" status={status} />);
    expect(screen.getByText('校验完成')).toBeTruthy();
    const table = screen.getByTestId('import-rejections');
    expect(table.textContent).toContain('xg-bad');
    expect(table.textContent).toContain('上级单元 xg-nowhere 不存在');
    expect(screen.getByTestId('import-report').textContent).toMatch(/通过\s*2/);
  });

  it('tells an interrupted import (its server restarted) apart from a failed one, in the reader’s language, and asks for a new run', () => {
    // The server's own message is in the language of whoever polled; the reader's is shown instead.
    const interrupted: OrgImportStatus = { ...base, state: 'failed', processed: 900, total: 28000, accepted: 900, interrupted: true, error: 'the import was interrupted (the server running it stopped or restarted): run it again' };
    const { unmount } = render(<ImportReport lang="zh-CN" status={interrupted} />);
    const report = screen.getByTestId('import-report');
    expect(report.hasAttribute('data-interrupted')).toBe(true);
    expect(screen.getByText('导入已中断')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('导入过程中服务器重启，本次导入已中断，未写入任何内容：请重新运行。');
    expect(report.textContent).not.toContain('导入失败');
    expect(report.textContent).not.toContain('the import was interrupted');
    unmount();

    render(<ImportReport lang="en" status={interrupted} />);
    expect(screen.getByText('Import interrupted')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('The server restarted while the import was running, so it was interrupted and nothing was written: run it again.');
  });

  it('a failure that is not an interruption keeps the server’s message and says nothing of a restart', () => {
    render(<ImportReport lang="zh-CN" status={{ ...base, state: 'failed', error: '草稿中的 units.json 不符合结构' }} />);
    expect(screen.getByTestId('import-report').hasAttribute('data-interrupted')).toBe(false);
    expect(screen.getByText('导入失败')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('草稿中的 units.json 不符合结构');
    expect(screen.queryByText('导入已中断')).toBeNull();
  });
});

describe('import flow', () => {
  it('uploads with progress, polls the status until done, then applies the same file to the draft', async () => {
    const calls: { kind: string; format: string; dryRun: boolean; size: number }[] = [];
    const statuses: OrgImportStatus[] = [
      { ...base, phase: 'parsing', total: 3 },
      { ...base, processed: 2, total: 3, accepted: 1, rejected: 1 },
      { ...base, state: 'done', processed: 3, total: 3, accepted: 3, rejected: 0 },
      { ...base, state: 'done', dryRun: false, applied: true, processed: 3, total: 3, accepted: 3, rejected: 0 },
    ];
    let polled = 0;
    const transport: OrgImportTransport = {
      async upload(q, file, onProgress) {
        calls.push({ ...q, size: file.size });
        onProgress(0.5);
        onProgress(1);
        return { status: 202, body: { importId: `imp${calls.length}` } };
      },
      async status() {
        return statuses[Math.min(polled++, statuses.length - 1)];
      },
    };
    let applied = 0;
    render(<OrgImport transport={transport} lang="zh-CN" pollMs={1} onApplied={() => applied++} />);
    const csv = new File(['id,name,level,kind,parent\nxg-a,甲,community,area,xg-hs\nxg-b,乙,community,area,xg-hs\nxg-c,丙,community,area,xg-hs\n'], 'units.csv', { type: 'text/csv' });
    await act(async () => fireEvent.change(screen.getByLabelText('选择文件（CSV 或 GeoJSON）'), { target: { files: [csv] } }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '上传并试运行' })));
    await waitFor(() => expect(screen.getByTestId('import-report').getAttribute('data-state')).toBe('done'));
    expect(calls).toEqual([{ kind: 'units', format: 'csv', dryRun: true, size: csv.size }]);
    expect(polled).toBe(3);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '应用到草稿' })));
    await waitFor(() => expect(applied).toBe(1));
    expect(calls[1]).toEqual({ kind: 'units', format: 'csv', dryRun: false, size: csv.size });
    expect(screen.getByText('已合并到草稿（按编号合并），发布后生效')).toBeTruthy();
  });

  it('keeps "apply" off while rows are rejected (the real run is all or nothing)', async () => {
    const done: OrgImportStatus = { ...base, state: 'done', processed: 2, total: 2, accepted: 1, rejected: 1, rejections: [{ row: 2, id: 'xg-x', reasons: ['上级单元 "xg-nowhere" 不存在'] }] };
    const transport: OrgImportTransport = { upload: async () => ({ status: 202, body: { importId: 'i' } }), status: async () => done };
    render(<OrgImport transport={transport} lang="zh-CN" pollMs={1} />);
    await act(async () => fireEvent.change(screen.getByLabelText('选择文件（CSV 或 GeoJSON）'), { target: { files: [new File(['id\n'], 'u.csv')] } }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '上传并试运行' })));
    await waitFor(() => expect(screen.getByTestId('import-rejections').textContent).toContain('xg-nowhere'));
    expect((screen.getByRole('button', { name: '应用到草稿' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('有被拒绝的行：请修正文件后重新试运行，全部通过才能应用')).toBeTruthy();
  });

  it('stops polling at an interrupted import, shows it as interrupted with "apply" off, and runs again on request', async () => {
    const uploads: boolean[] = [];
    let polled = 0;
    const interrupted: OrgImportStatus = { ...base, state: 'failed', processed: 1, total: 3, accepted: 1, interrupted: true, error: '导入已中断（执行它的服务器已停止或重启）：请重新导入' };
    const statuses: OrgImportStatus[] = [{ ...base, processed: 1, total: 3, accepted: 1 }, interrupted, { ...base, state: 'done', processed: 3, total: 3, accepted: 3 }];
    const transport: OrgImportTransport = {
      upload: async (q) => (uploads.push(q.dryRun), { status: 202, body: { importId: `i${uploads.length}` } }),
      status: async () => statuses[Math.min(polled++, statuses.length - 1)],
    };
    render(<OrgImport transport={transport} lang="zh-CN" pollMs={1} />);
    await act(async () => fireEvent.change(screen.getByLabelText('选择文件（CSV 或 GeoJSON）'), { target: { files: [new File(['id\n'], 'u.csv')] } }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '上传并试运行' })));
    await waitFor(() => expect(screen.getByTestId('import-report').hasAttribute('data-interrupted')).toBe(true));
    expect(polled).toBe(2);
    expect(screen.getByRole('alert').textContent).toBe('导入过程中服务器重启，本次导入已中断，未写入任何内容：请重新运行。');
    expect((screen.getByRole('button', { name: '应用到草稿' }) as HTMLButtonElement).disabled).toBe(true);

    // Running again is open to the user once the failed poll is over (antd's fading spinner may still
    // lend the button its "loading" label).
    const again = screen.getByRole('button', { name: /上传并试运行/ }) as HTMLButtonElement;
    await waitFor(() => expect(again.disabled).toBe(false));
    await act(async () => fireEvent.click(again));
    await waitFor(() => expect(screen.getByTestId('import-report').getAttribute('data-state')).toBe('done'));
    expect(uploads).toEqual([true, true]);
    expect(screen.queryByText('导入已中断')).toBeNull();
    expect((screen.getByRole('button', { name: '应用到草稿' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the server’s refusal of the file itself (an unknown column), with its reasons', async () => {
    const transport: OrgImportTransport = {
      upload: async () => ({ status: 400, body: { error: { code: 'validation', message: '未知的列：颜色', issues: [{ path: '/columns/2', message: '未知的列：颜色' }] } } }),
      status: async () => base,
    };
    render(<OrgImport transport={transport} lang="zh-CN" />);
    await act(async () => fireEvent.change(screen.getByLabelText('选择文件（CSV 或 GeoJSON）'), { target: { files: [new File(['id,name,颜色\n'], 'u.csv')] } }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '上传并试运行' })));
    expect((await screen.findByRole('alert')).textContent).toContain('未知的列：颜色');
  });
});

describe('org tree edits', () => {
  const units: OrgUnit[] = [
    { id: 'd', name: '区', level: 'district', kind: 'area' },
    { id: 's', name: '街道', level: 'subdistrict', kind: 'area', parent: 'd' },
    { id: 'c', name: '社区', level: 'community', kind: 'area', parent: 's' },
  ];
  it('moves a unit, refuses a cycle and the removal of a unit with children', () => {
    expect(moveUnit(units, 's', 'c')).toBe('cycle');
    const moved = moveUnit(units, 'c', 'd') as OrgUnit[];
    expect(moved.find((u) => u.id === 'c')!.parent).toBe('d');
    expect(removeUnit(units, undefined, 's')).toBe('hasChildren');
    expect(removeUnit(units, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'g', name: '网格', level: 'grid', kind: 'grid', parent: 'c' }, geometry: null as never }] }, 'c')).toBe('hasChildren');
    expect(orgTree(units, undefined, 'zh-CN')).toEqual([{ key: 'd', title: '区', grid: false, children: [{ key: 's', title: '街道', grid: false, children: [{ key: 'c', title: '社区', grid: false }] }] }]);
  });
});
