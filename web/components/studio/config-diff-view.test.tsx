// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConfigDiff } from '../../../core/studio';
import { installDomShims, settle } from '../form/test-support';
import { ConfigDiffView, stepText } from './config-diff-view';

beforeAll(installDomShims);
afterEach(cleanup);

const diff: ConfigDiff = {
  files: [
    {
      path: 'entities/incident-case.json',
      change: 'modified',
      changes: [
        { pointer: '/schema/properties/discoveredAt', op: 'add', after: { type: 'string', format: 'date-time', title: '发现时间' } },
        { pointer: '/schema/properties/riskLevel/type', op: 'replace', before: 'string', after: 'integer' },
      ],
    },
  ],
  migrations: [
    {
      entity: 'incidentCase',
      fromVersion: 1,
      toVersion: 2,
      steps: [
        { op: 'addColumn', field: 'discoveredAt', type: 'text' },
        { op: 'retireColumn', field: 'address', as: 'address__removed_v1' },
      ],
      effects: [
        { field: 'discoveredAt', effect: 'added', records: 0, note: '新列，已有记录为空' },
        { field: 'address', effect: 'retired', records: 12, note: '12 条记录的值保留在归档列' },
      ],
      refused: [{ field: 'riskLevel', from: 'text', to: 'integer', records: 7, conversions: ['parseNumber'], reason: '7 条记录的值不是整数', kind: 'typeChange' }],
    },
  ],
  issues: [],
};

describe('config diff view', () => {
  it('shows changed files with their pointers, the migration steps and effects, and offers the conversions of a refused type change', async () => {
    const onConversion = vi.fn();
    render(<ConfigDiffView lang="zh-CN" diff={diff} onConversion={onConversion} />);
    expect(screen.getByText('entities/incident-case.json')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('entities/incident-case.json')));
    await settle(20);
    expect(screen.getByText('/schema/properties/discoveredAt')).toBeTruthy();
    expect(document.querySelector('[data-migration="incidentCase"]')!.textContent).toContain('新增列 discoveredAt（text）');
    expect(document.querySelector('[data-migration="incidentCase"]')!.textContent).toContain('字段 address 的列归档为 address__removed_v1，数据保留');
    const refused = document.querySelector('[data-refused="incidentCase.riskLevel"]') as HTMLElement;
    expect(refused.textContent).toContain('7 条记录');
    const select = screen.getByLabelText('字段 riskLevel 的转换方式');
    await act(async () => void fireEvent.mouseDown(select.closest('.ant-select')!));
    await settle(20);
    const option = [...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent?.startsWith('解析为数字'));
    await act(async () => void fireEvent.click(option!));
    expect(onConversion).toHaveBeenCalledWith('incidentCase', 'riskLevel', 'parseNumber');
  });

  it('describes every migration step in the UI language', () => {
    expect(stepText('en', { op: 'renameColumn', from: 'phone', to: 'mobile' })).toBe('Rename column phone to mobile, values kept');
    expect(stepText('zh-CN', { op: 'restoreColumn', from: 'address__removed_v2', to: 'address' })).toBe('归档列 address__removed_v2 恢复为 address');
  });
});
