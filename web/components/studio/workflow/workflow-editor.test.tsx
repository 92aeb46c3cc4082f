// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictConfig } from '../../../../core/config/types.generated';
import { installStudioDomShims } from '../test-dom';
import { WorkflowEditor, type WorkflowSave } from './workflow-editor';
import { workflowEditorContext } from './workflow-context';
import { NODE_HEIGHT, NODE_WIDTH, layoutWorkflow } from './workflow-layout';
import { addState, addTransition, analyseWorkflow, removeState, type WorkflowDefinition } from './workflow-model';
import { autoLayout, placeStates } from './workflow-positions';

const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, 'configs/xigong', file), 'utf8'));
const workflow: WorkflowDefinition = read('workflows/case-workflow.json');
const district: DistrictConfig = read('district.json');
const context = workflowEditorContext(district, 'zh-CN');

beforeAll(async () => {
  await installStudioDomShims();
  // happy-dom lays nothing out: give the canvas a size, or React Flow takes a dragged node for one
  // at the canvas's edge and keeps panning.
  const rect = HTMLElement.prototype.getBoundingClientRect;
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    return this.classList.contains('react-flow') ? ({ x: 0, y: 0, left: 0, top: 0, width: 1000, height: 680, right: 1000, bottom: 680, toJSON() {} } as DOMRect) : rect.call(this);
  };
});
afterEach(cleanup);

function renderEditor(definition = workflow, save: WorkflowSave = async () => ({ rev: 1, issues: [] })) {
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
    const refusal = screen.getByTestId('save-refusal');
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(refusal.textContent).toContain('保存被拒绝: 工作流存在死胡同');
    expect(refusal.textContent).toContain('/states/3 状态 onSite 没有出口');
    // The file is the one being edited: its name is not repeated.
    expect(refusal.textContent).not.toContain('workflows/case-workflow.json');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
  });

  it('lists the issues of an accepted save with the problems found while editing, not in the save bar, and keeps them through later edits', async () => {
    const issues = [{ file: 'workflows/case-workflow.json', path: '/states/3', message: '状态 onSite 没有出口' }];
    const { container } = renderEditor(workflow, async () => ({ rev: 1, issues }));
    const relabel = (value: string) =>
      act(async () => {
        fireEvent.change(within(container.querySelector('[data-panel="transition"]') as HTMLElement).getByLabelText('名称（中文）'), { target: { value } });
      });
    await act(async () => {
      fireEvent.click(container.querySelector('[data-testid="rf__edge-reject:reported"]')!);
    });
    await relabel('驳回');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /保存到草稿/ })));
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
    expect(screen.getByTestId('wf-problems').textContent).toContain('状态 onSite 没有出口');
    expect(screen.queryByText(/草稿整体还有以下问题/)).toBeNull();
    await relabel('退回');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    expect(screen.getByTestId('wf-problems').textContent).toContain('状态 onSite 没有出口');
  });
});

/** Where a state's node is drawn (React Flow places nodes by a translate of their top-left corner). */
function drawnAt(container: HTMLElement, key: string): { x: number; y: number } {
  const m = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec((container.querySelector(`.react-flow__node[data-id="${key}"]`) as HTMLElement).style.transform);
  return { x: Number(m![1]), y: Number(m![2]) };
}

/** Drags a state's node by (dx, dy): the first move passes React Flow's drag threshold, the second moves. */
async function drag(container: HTMLElement, key: string, dx: number, dy: number) {
  const node = container.querySelector(`.react-flow__node[data-id="${key}"]`) as HTMLElement;
  await act(async () => {
    fireEvent.mouseDown(node, { clientX: 100, clientY: 100, view: window });
    fireEvent.mouseMove(window, { clientX: 110, clientY: 100, view: window });
    fireEvent.mouseMove(window, { clientX: 110 + dx, clientY: 100 + dy, view: window });
    fireEvent.mouseUp(window, { clientX: 110 + dx, clientY: 100 + dy, view: window });
  });
}

/** A save that records what it was sent and answers with the next rev, after a moment (like the server). */
function recordingSave() {
  const calls: { content: WorkflowDefinition; rev: number | undefined }[] = [];
  const save: WorkflowSave = async (content, rev) => {
    calls.push({ content, rev });
    await new Promise((r) => setTimeout(r, 10));
    return { rev: (rev ?? 0) + 1, issues: [] };
  };
  return { calls, save };
}

const positionsOf = (def: WorkflowDefinition) => def.layout!.positions!;

describe('node positions (the workflow file\'s layout)', () => {
  it('draws the states at their saved positions, not where dagre would', () => {
    const auto = layoutWorkflow(workflow);
    const positions = Object.fromEntries(workflow.states.map((s, i) => [s.key, { x: 1000 - i * 37, y: 20 + i * 90 }]));
    expect(positions.reported).not.toEqual({ x: auto[0].x, y: auto[0].y });
    const { container } = renderEditor({ ...workflow, layout: { positions } });
    for (const s of workflow.states) expect(drawnAt(container, s.key), s.key).toEqual(positions[s.key]);
  });

  it('places a state without a saved position by dagre, beside the states it connects to and clear of the others', () => {
    // Everything saved 600 px right of dagre's layout, then a new state entered from "handled".
    const shifted = autoLayout(workflow);
    for (const p of Object.values(positionsOf(shifted))) p.x += 600;
    const def = addTransition(addState(shifted, 'verify', { 'zh-CN': '核查' }), { key: 'verifyIt', label: { 'zh-CN': '核查' }, from: ['handled'], to: 'verify' });
    const placed = new Map(placeStates(def).map((p) => [p.key, p]));
    for (const s of workflow.states) expect(placed.get(s.key), s.key).toMatchObject(positionsOf(shifted)[s.key]);
    const verify = placed.get('verify')!;
    const handled = placed.get('handled')!;
    // Below "handled" as dagre ranks it, near it (not 600 px off at dagre's own coordinates).
    expect(verify.y).toBeGreaterThan(handled.y);
    expect(Math.abs(verify.x - handled.x)).toBeLessThan(3 * NODE_WIDTH);
    for (const s of workflow.states) {
      const other = placed.get(s.key)!;
      expect(Math.abs(other.x - verify.x) >= NODE_WIDTH || Math.abs(other.y - verify.y) >= NODE_HEIGHT, `verify overlaps ${s.key}`).toBe(true);
    }
    const { container } = renderEditor(def);
    expect(drawnAt(container, 'verify')).toEqual({ x: verify.x, y: verify.y });
  });

  it('dropping a dragged state saves the arrangement to the draft: the moved state where it was dropped, the others where they were', async () => {
    const { calls, save } = recordingSave();
    const { container } = renderEditor(workflow, save);
    const before = new Map(layoutWorkflow(workflow).map((p) => [p.key, { x: Math.round(p.x), y: Math.round(p.y) }]));
    await drag(container, 'accepted', 40, 30);
    await act(() => new Promise((r) => setTimeout(r, 30)));
    expect(calls).toHaveLength(1);
    expect(calls[0].rev).toBe(0);
    const accepted = before.get('accepted')!;
    expect(positionsOf(calls[0].content).accepted).toEqual({ x: accepted.x + 40, y: accepted.y + 30 });
    for (const s of workflow.states.filter((s) => s.key !== 'accepted')) expect(positionsOf(calls[0].content)[s.key], s.key).toEqual(before.get(s.key));
    // Nothing else of the file changed.
    const { layout: _layout, ...rest } = calls[0].content;
    expect(rest).toEqual(workflow);
    expect(drawnAt(container, 'accepted')).toEqual({ x: accepted.x + 40, y: accepted.y + 30 });
    expect(screen.getByText('已保存到草稿')).toBeTruthy();
  });

  it('two drags in quick succession save one after the other, the second on the rev the first returned', async () => {
    const { calls, save } = recordingSave();
    const { container } = renderEditor(workflow, save);
    const before = drawnAt(container, 'closed');
    await drag(container, 'accepted', 40, 30);
    await drag(container, 'closed', -50, 20);
    await act(() => new Promise((r) => setTimeout(r, 60)));
    expect(calls.map((c) => c.rev)).toEqual([0, 1]);
    expect(positionsOf(calls[1].content).closed).toEqual({ x: before.x - 50, y: before.y + 20 });
    expect(positionsOf(calls[1].content).accepted).toEqual(positionsOf(calls[0].content).accepted);
  });

  it('a refused save of a drop shows the reasons and keeps the move as an unsaved change', async () => {
    const { TRPCClientError } = await import('@trpc/client');
    const refuse: WorkflowSave = async () => {
      throw new TRPCClientError('草稿已被他人修改', { result: { error: { message: '草稿已被他人修改', code: -32600, data: { issues: [] } } } } as never);
    };
    const { container, last } = renderEditor(workflow, refuse);
    const before = drawnAt(container, 'accepted');
    await drag(container, 'accepted', 40, 30);
    await act(() => new Promise((r) => setTimeout(r, 30)));
    expect(screen.getByRole('alert').textContent).toContain('草稿已被他人修改');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    expect(positionsOf(last()).accepted).toEqual({ x: before.x + 40, y: before.y + 30 });
    expect(drawnAt(container, 'accepted')).toEqual({ x: before.x + 40, y: before.y + 30 });
  });

  it('a click on a state selects it without saving anything', async () => {
    const { calls, save } = recordingSave();
    const { container } = renderEditor(workflow, save);
    await act(async () => fireEvent.click(container.querySelector('.react-flow__node[data-id="accepted"]')!));
    await act(() => new Promise((r) => setTimeout(r, 30)));
    expect(container.querySelector('[data-panel="state"]')!.textContent).toContain('accepted');
    expect(calls).toHaveLength(0);
  });

  it('auto layout replaces the saved arrangement by dagre\'s and saves it', async () => {
    const positions = Object.fromEntries(workflow.states.map((s, i) => [s.key, { x: 5 * i, y: 3000 - 100 * i }]));
    const { calls, save } = recordingSave();
    const { container } = renderEditor({ ...workflow, layout: { positions } }, save);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '自动排列' })));
    await act(() => new Promise((r) => setTimeout(r, 30)));
    expect(calls).toHaveLength(1);
    const dagre = Object.fromEntries(layoutWorkflow(workflow).map((p) => [p.key, { x: Math.round(p.x), y: Math.round(p.y) }]));
    expect(positionsOf(calls[0].content)).toEqual(dagre);
    for (const s of workflow.states) expect(drawnAt(container, s.key), s.key).toEqual(dagre[s.key]);
  });

  it('removing a state drops its position; the last one gone leaves no layout', () => {
    const def = autoLayout(addTransition(addState(workflow, 'verify', { 'zh-CN': '核查' }), { key: 'verifyIt', label: { 'zh-CN': '核查' }, from: ['handled'], to: 'verify' }));
    const without = removeState(def, 'verify');
    expect(Object.keys(positionsOf(without)).sort()).toEqual(workflow.states.map((s) => s.key).sort());
    expect(positionsOf(without).handled).toEqual(positionsOf(def).handled);
    const only = removeState({ ...def, layout: { positions: { verify: { x: 1, y: 2 } } } }, 'verify');
    expect('layout' in only).toBe(false);
    // The initial state cannot be removed, nor its position.
    expect(removeState(def, workflow.initial)).toBe(def);
  });
});
