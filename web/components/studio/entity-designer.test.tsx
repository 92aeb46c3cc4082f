// @vitest-environment happy-dom
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntityDefinition } from '../../../core/config/types.generated';
import { studioSchemas } from '../../../core/studio';
import { installDomShims, mounted, settle } from '../form/test-support';
import { EntityDesigner } from './entity-designer';

beforeAll(installDomShims);
afterEach(cleanup);

const ROOT = path.resolve(import.meta.dirname, '../../..');
const incident = JSON.parse(readFileSync(path.join(ROOT, 'configs/xigong/entities/incident-case.json'), 'utf8')) as EntityDefinition;
const context = {
  options: {
    categories: [{ value: 'urban.environment', label: '市容环境' }],
    channels: [{ value: 'residentApp', label: '群众上报' }],
  },
};

function renderDesigner(entitySchema: object | null = null) {
  const saved = vi.fn();
  const utils = render(
    <EntityDesigner lang="zh-CN" path="entities/incident-case.json" initial={incident} rev={0} published={Object.keys(incident.schema.properties)} entitySchema={entitySchema} context={context} onSaved={saved} />,
  );
  return { ...utils, saved };
}

async function choose(select: HTMLElement, title: string) {
  await act(async () => void fireEvent.mouseDown(select.closest('.ant-select')!));
  await settle(20);
  const option = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')].find((o) => o.getAttribute('title') === title);
  if (!option) throw new Error(`no option ${title} in ${[...document.querySelectorAll('.ant-select-item-option')].map((o) => o.getAttribute('title')).join(',')}`);
  await act(async () => void fireEvent.click(option));
  await settle();
}

async function openTab(name: string) {
  await act(async () => void fireEvent.click(screen.getByRole('tab', { name })));
  await settle(50);
}

/** The JSON view's CodeMirror view (the editor loads lazily when its tab opens). */
async function jsonView(): Promise<EditorView> {
  await openTab('JSON');
  await vi.waitFor(() => {
    if (!document.querySelector('.cm-editor')) throw new Error('editor not mounted');
  }, { timeout: 20_000 });
  return EditorView.findFromDOM(document.querySelector('.cm-editor') as HTMLElement)!;
}

const preview = () => document.querySelector('[data-preview]') as HTMLElement;

describe('entity designer', () => {
  it('adding a required datetime field shows it in the live preview and in the JSON', async () => {
    renderDesigner();
    expect(within(preview()).queryByLabelText(/发现时间/)).toBeNull();
    const add = screen.getByRole('group', { name: '添加字段' });
    await act(async () => void fireEvent.change(within(add).getByLabelText('中文标签'), { target: { value: '发现时间' } }));
    await act(async () => void fireEvent.change(within(add).getByLabelText('字段名'), { target: { value: 'discoveredAt' } }));
    await choose(within(add).getByLabelText('控件'), '日期时间');
    await act(async () => void fireEvent.click(within(add).getByRole('button', { name: /^添\s*加$/ })));
    await settle(50);

    // The new field is selected in the list and its editor is open; make it required there.
    const editor = document.querySelector('[data-field-editor="discoveredAt"]') as HTMLElement;
    expect(editor).toBeTruthy();
    await act(async () => void fireEvent.click(within(editor).getByRole('switch', { name: '必填' })));
    await settle(50);
    await mounted();
    expect(within(preview()).getByText(/发现时间/)).toBeTruthy();
    expect(preview().querySelector('[data-field="discoveredAt"]')?.textContent).toContain('*');

    const view = await jsonView();
    const json = JSON.parse(view.state.doc.toString()) as EntityDefinition;
    expect(json.schema.properties.discoveredAt).toMatchObject({ type: 'string', format: 'date-time', title: '发现时间', 'x-widget': 'datetime' });
    expect(json.schema.required).toContain('discoveredAt');
    expect(json.ui?.order?.at(-1)).toBe('discoveredAt');
    expect((screen.getByRole('button', { name: '保存到草稿' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('an edit in the JSON view reaches the field list and the preview', async () => {
    renderDesigner();
    const view = await jsonView();
    const def = JSON.parse(view.state.doc.toString()) as EntityDefinition;
    def.schema.properties.title.title = '问题标题';
    await act(async () => void view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: JSON.stringify(def, null, 2) } }));
    await mounted();
    expect(within(preview()).getByLabelText(/问题标题/)).toBeTruthy();
    await openTab('字段');
    expect(document.querySelector('[data-field-key="title"]')?.textContent).toContain('问题标题');
  });

  it('invalid JSON shows the syntax error and blocks saving until it is fixed', async () => {
    const { saved } = renderDesigner();
    const view = await jsonView();
    const good = view.state.doc.toString();
    await act(async () => void view.dispatch({ changes: { from: 0, to: 1, insert: '{,' } }));
    await settle(50);
    expect(document.querySelector('[data-json-error]')?.textContent).toMatch(/JSON 语法错误/);
    const save = screen.getByRole('button', { name: '保存到草稿' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await act(async () => void fireEvent.click(save));
    expect(saved).not.toHaveBeenCalled();
    await act(async () => void view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: good } }));
    await settle(50);
    expect(document.querySelector('[data-json-error]')).toBeNull();
    expect(save.disabled).toBe(false);
  });

  it('a conditional section: the field shows in the preview only while the condition holds', async () => {
    renderDesigner();
    // A field for the section first: 伤亡人数, shown when 紧急程度 is 特急.
    const add = screen.getByRole('group', { name: '添加字段' });
    await act(async () => void fireEvent.change(within(add).getByLabelText('中文标签'), { target: { value: '伤亡人数' } }));
    await act(async () => void fireEvent.change(within(add).getByLabelText('字段名'), { target: { value: 'casualties' } }));
    await choose(within(add).getByLabelText('控件'), '数字');
    await act(async () => void fireEvent.click(within(add).getByRole('button', { name: /^添\s*加$/ })));
    await openTab('分组与条件');
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '添加条件区块' })));
    await settle(20);
    await choose(screen.getByLabelText('条件 1 的字段'), '紧急程度');
    await choose(screen.getByLabelText('条件 1 的取值'), '特急');
    await choose(screen.getByLabelText('条件 1 显示的字段'), '伤亡人数 (casualties)');
    await mounted();
    expect(within(preview()).queryByLabelText(/伤亡人数/)).toBeNull();
    await act(async () => void fireEvent.click(within(preview()).getByLabelText('特急')));
    await settle(50);
    expect(within(preview()).getByLabelText(/伤亡人数/)).toBeTruthy();

    const view = await jsonView();
    const json = JSON.parse(view.state.doc.toString()) as EntityDefinition;
    expect(json.schema.allOf).toEqual([{ if: { properties: { urgency: { const: 'critical' } }, required: ['urgency'] }, then: { properties: { casualties: {} } } }]);
  });

  it('a definition that breaks the entity file schema is flagged at its field and cannot be saved', async () => {
    renderDesigner(studioSchemas().entity);
    const view = await jsonView();
    const def = JSON.parse(view.state.doc.toString()) as EntityDefinition;
    (def.schema.properties.address as Record<string, unknown>)['x-pii'] = 'bankCard';
    await act(async () => void view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: JSON.stringify(def, null, 2) } }));
    await vi.waitFor(() => {
      if (!screen.queryByText(/定义不符合实体配置的结构/)) throw new Error('not flagged yet');
    }, { timeout: 10_000 });
    expect(screen.getByRole('list', { name: '问题列表' }).textContent).toContain('/schema/properties/address/x-pii');
    expect((screen.getByRole('button', { name: '保存到草稿' }) as HTMLButtonElement).disabled).toBe(true);
    await openTab('字段');
    expect(document.querySelector('[data-field-key="address"]')?.textContent).toContain('有问题');
  });
});
