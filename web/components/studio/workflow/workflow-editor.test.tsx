// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictConfig } from '../../../../core/config/types.generated';
import { installStudioDomShims } from '../test-dom';
import { WorkflowEditor } from './workflow-editor';
import { workflowEditorContext } from './workflow-context';
import { addState, addTransition, analyseWorkflow, type WorkflowDefinition } from './workflow-model';

const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, 'configs/xigong', file), 'utf8'));
const workflow: WorkflowDefinition = read('workflows/case-workflow.json');
const district: DistrictConfig = read('district.json');
const context = workflowEditorContext(district, 'zh-CN');

beforeAll(installStudioDomShims);
afterEach(cleanup);

function renderEditor(definition = workflow, save = async () => ({ rev: 1, issues: [] })) {
  const changes: WorkflowDefinition[] = [];
  const utils = render(<WorkflowEditor path="workflows/case-workflow.json" definition={definition} rev={0} context={context} issues={[]} save={save} onChange={(d) => changes.push(d)} lang="zh-CN" />);
  return { ...utils, changes, last: () => changes[changes.length - 1] };
}

describe('workflow graph', () => {
  it('draws one node per state and one edge per transition and source state, initial and final marked', () => {
    const { container } = renderEditor();
    const nodes = container.querySelectorAll('.react-flow__node');
    expect(nodes.length).toBe(workflow.states.length);
    const edges = container.querySelectorAll('.react-flow__edge');
    expect(edges.length).toBe(workflow.transitions.reduce((n, t) => n + t.from.length, 0));
    expect(container.querySelector('[data-testid="rf__edge-accept:escalated"]')).not.toBeNull();
    expect(container.querySelector('[data-state="reported"]')!.textContent).toContain('初始');
    expect(container.querySelector('[data-state="closed"]')!.textContent).toContain('终态');
    expect(screen.getByTestId('wf-no-problems')).toBeTruthy();
  });

  it('flags a dead end on the graph and in the check list', () => {
    // A "verify" state entered from "handled" with no way out.
    const def = addTransition(addState(workflow, 'verify', { 'zh-CN': '核查' }), { key: 'verifyIt', label: { 'zh-CN': '核查' }, from: ['handled'], to: 'verify' });
    expect(analyseWorkflow(def)).toEqual([{ kind: 'deadEnd', state: 'verify' }]);
    const shown = renderEditor(def);
    const dead = shown.container.querySelector('[data-state="verify"]')!;
    expect(dead.getAttribute('data-problem')).toBe('deadEnd');
    expect(dead.textContent).toContain('无出口');
    expect(screen.getByTestId('wf-problems').textContent).toContain('状态“核查”不是终态，却没有出口');
  });

  it('editing a selected transition updates the definition (label, roles)', async () => {
    const { container, last } = renderEditor();
    await act(async () => {
      fireEvent.click(container.querySelector('[data-testid="rf__edge-reject:reported"]')!);
    });
    const panel = container.querySelector('[data-panel="transition"]') as HTMLElement;
    expect(panel.textContent).toContain('reject');
    await act(async () => {
      fireEvent.change(within(panel).getByLabelText('名称（中文）'), { target: { value: '驳回' } });
    });
    expect(last().transitions.find((t) => t.key === 'reject')!.label).toEqual({ 'zh-CN': '驳回', en: 'Reject' });
    await act(async () => {
      fireEvent.click(within(panel).getByLabelText('社区书记'));
    });
    expect(last().transitions.find((t) => t.key === 'reject')!.roles).toEqual(['dispatcher', 'communitySecretary']);
    // The edge shows the new label.
    expect(container.querySelector('[data-testid="rf__edge-reject:reported"]')!.textContent).toContain('驳回');
  });

  it('adds a state from the toolbar; with no transition into it, it is flagged unreachable', async () => {
    const { container, last } = renderEditor();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '添加状态' })));
    const form = container.querySelector('[data-panel="add-state"]') as HTMLElement;
    await act(async () => {
      fireEvent.change(within(form).getByLabelText('标识（key）'), { target: { value: 'verify' } });
      fireEvent.change(within(form).getByLabelText('名称（中文）'), { target: { value: '核查' } });
    });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: /添\s*加/ })));
    expect(last().states.at(-1)).toEqual({ key: 'verify', label: { 'zh-CN': '核查' } });
    expect(container.querySelector('[data-state="verify"]')!.getAttribute('data-problem')).toBe('unreachable');
  });

  it('shows the server’s reasons when it refuses the save', async () => {
    const { TRPCClientError } = await import('@trpc/client');
    const refuse = async () => {
      throw new TRPCClientError('工作流存在死胡同', { result: { error: { message: '工作流存在死胡同', code: -32600, data: { issues: [{ path: '/states/3', message: '状态 onSite 没有出口', file: 'workflows/case-workflow.json' }] } } } as never });
    };
    const { container } = renderEditor(workflow, refuse);
    await act(async () => {
      fireEvent.click(container.querySelector('[data-testid="rf__edge-reject:reported"]')!);
    });
    await act(async () => {
      fireEvent.change(within(container.querySelector('[data-panel="transition"]') as HTMLElement).getByLabelText('名称（中文）'), { target: { value: '驳回' } });
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /保存到草稿/ })));
    expect(screen.getByRole('alert').textContent).toContain('状态 onSite 没有出口');
  });
});
