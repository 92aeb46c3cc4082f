// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installStudioDomShims } from '../test-dom';
import { RolesGrid } from './roles-grid';
import { updatePermission, type DistrictConfig } from './roles-model';
import { ViewAs, type ViewAsResult } from './view-as';

const ROOT = path.resolve(__dirname, '../../../..');
const district: DistrictConfig = JSON.parse(readFileSync(path.join(ROOT, 'configs/xigong/district.json'), 'utf8'));

beforeAll(installStudioDomShims);
afterEach(cleanup);

function renderGrid() {
  const saved: DistrictConfig[] = [];
  const changes: DistrictConfig[] = [];
  render(
    <RolesGrid
      district={district}
      rev={3}
      save={async (content, rev) => {
        expect(rev).toBe(3);
        saved.push(content);
        return { rev: 4, issues: [] };
      }}
      subjectFields={{ Case: [{ value: 'title', label: '标题' }] }}
      onChange={(d) => changes.push(d)}
      lang="zh-CN"
    />,
  );
  return { saved, last: () => changes[changes.length - 1] };
}

describe('roles × permissions grid', () => {
  it('shows a row per permission and a ticked box where a role holds it', () => {
    renderGrid();
    expect(document.querySelectorAll('[data-permission]').length).toBe(Object.keys(district.permissions).length);
    expect((screen.getByLabelText('网格员 · caseReadMyGrid') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('网格员 · caseReadAll') as HTMLInputElement).checked).toBe(false);
    // Each rule's scope by its name, "all" where the rule has none.
    const scopeOf = (key: string) => screen.getByLabelText(`数据范围 ${key}`).closest('.ant-select')!.textContent;
    expect(scopeOf('caseReadMyGrid')).toBe('本单位');
    expect(scopeOf('caseReadAll')).toBe('全部');
  });

  it('toggling a box changes the role’s permissions in district.json, and saving sends that file', async () => {
    const { saved, last } = renderGrid();
    await act(async () => fireEvent.click(screen.getByLabelText('网格员 · caseReadAll')));
    const before = district.roles.find((r) => r.key === 'gridWorker')!.permissions;
    expect(last().roles.find((r) => r.key === 'gridWorker')!.permissions).toEqual([...before, 'caseReadAll']);
    await act(async () => fireEvent.click(screen.getByLabelText('网格员 · visitLogMyGrid')));
    expect(last().roles.find((r) => r.key === 'gridWorker')!.permissions).not.toContain('visitLogMyGrid');
    // Other roles are untouched.
    expect(last().roles.find((r) => r.key === 'dispatcher')).toEqual(district.roles.find((r) => r.key === 'dispatcher'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /保存到草稿/ })));
    expect(saved).toHaveLength(1);
    expect(saved[0].roles.find((r) => r.key === 'gridWorker')!.permissions).toContain('caseReadAll');
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
  });

  it('scope "all" and an empty field list are written as the schema defaults (absent)', () => {
    const narrowed = updatePermission(district, 'caseReadAll', { scope: 'mySubtree', fields: ['title'] });
    expect(narrowed.permissions.caseReadAll).toEqual({ actions: ['read', 'export'], subject: 'Case', scope: 'mySubtree', fields: ['title'] });
    const widened = updatePermission(narrowed, 'caseReadAll', { scope: 'all', fields: [] });
    expect(widened.permissions.caseReadAll).toEqual({ actions: ['read', 'export'], subject: 'Case' });
  });
});

describe('view as user', () => {
  it('shows the chosen user’s roles, rights per subject and the records they would see', async () => {
    const answer: ViewAsResult = {
      user: { id: 'u1', username: 'gridworker', name: '张网格' },
      assignments: [{ role: 'gridWorker', roleLabel: '网格员', unitId: 'xg-hs-c01-g01', unitName: '红山社区第一网格' }],
      subjects: [{ subject: 'Case', entity: 'incidentCase', actions: ['read', 'update'], fields: 'all', scope: 'myUnit' }],
      sample: { entity: 'incidentCase', total: 1, rows: [{ id: 'c1', orgUnitId: 'xg-hs-c01-g01', status: 'reported', title: '路灯损坏' }] },
    };
    const asked: string[] = [];
    render(
      <ViewAs
        lang="zh-CN"
        scopeLabel={(s) => (s === 'myUnit' ? '本单位' : s)}
        searchUsers={async () => [{ value: 'u1', label: '张网格 (gridworker)' }]}
        entities={[{ value: 'incidentCase', label: '事件' }]}
        viewAs={async (id, entity) => (asked.push(`${id}:${entity}`), answer)}
      />,
    );
    await act(async () => fireEvent.mouseDown(screen.getByRole('combobox')));
    await act(async () => fireEvent.click(await screen.findByText('张网格 (gridworker)')));
    expect(asked).toEqual(['u1:incidentCase']);
    const result = await screen.findByTestId('view-as-result');
    expect(result.textContent).toContain('网格员 @ 红山社区第一网格');
    expect(result.textContent).toContain('本单位');
    expect(screen.getByTestId('view-as-sample').textContent).toContain('路灯损坏');
  });
});
