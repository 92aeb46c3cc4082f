// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeUploadServer } from './fake-upload-server';
import { mapFrame, project } from './grid-geometry';
import { testGrids } from './test-fixtures';
import { installDomShims, mounted, renderForm, settle, submit, type } from './test-support';
import type { JsonSchema } from './types';

beforeAll(installDomShims);
afterEach(cleanup);

async function choose(label: string | RegExp, ...titles: string[]) {
  await mounted();
  const input = screen.getByLabelText(label);
  await act(async () => void fireEvent.mouseDown(input.closest('.ant-select')!));
  await settle(20);
  for (const title of titles) {
    const option =
      document.querySelector(`.ant-select-item-option[title="${title}"]`) ??
      [...document.querySelectorAll('.ant-select-tree-node-content-wrapper')].find((n) => n.textContent === title);
    if (!option) throw new Error(`no option ${title}`);
    await act(async () => void fireEvent.click(option));
  }
  await settle();
}

describe('widgets', () => {
  it('text, textarea, number, select, radio, multi-select, checkboxes, date, time, datetime', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        title: { type: 'string', title: '标题' },
        notes: { type: 'string', title: '说明', 'x-widget': 'textarea', maxLength: 500 },
        count: { type: 'integer', title: '数量', minimum: 0 },
        category: { type: 'string', title: '类别', 'x-source': 'categories', 'x-widget': 'select' },
        level: { type: 'string', title: '等级', enum: ['low', 'high'], 'x-enumLabels': { low: { 'zh-CN': '低' }, high: { 'zh-CN': '高' } } },
        tags: { type: 'array', title: '标签', items: { type: 'string', enum: ['a', 'b', 'c'] } },
        agreed: { type: 'boolean', title: '已核实' },
        kinds: { type: 'array', title: '类型', 'x-widget': 'checkbox', items: { type: 'string', enum: ['x', 'y'] } },
        day: { type: 'string', format: 'date', title: '日期' },
        at: { type: 'string', format: 'time', title: '时刻' },
        when: { type: 'string', format: 'date-time', title: '发生时间' },
      },
    };
    const { submitted } = renderForm({
      schema,
      context: {
        options: {
          categories: [
            { value: 'road', label: '道路' },
            { value: 'light', label: '路灯' },
          ],
        },
      },
    });
    expect(screen.getByLabelText('说明').tagName).toBe('TEXTAREA');
    await type('标题', '路灯');
    await type('说明', '灯不亮');
    await type('数量', '3');
    await choose('类别', '路灯');
    await act(async () => void fireEvent.click(screen.getByLabelText('高')));
    await choose('标签', 'a', 'c');
    await act(async () => void fireEvent.click(screen.getByLabelText('已核实')));
    await act(async () => void fireEvent.click(screen.getByLabelText('y')));
    await type('日期', '2026-11-24');
    await type('时刻', '08:30');
    await type('发生时间', '2026-11-24T08:30');
    await submit();
    expect(submitted).toHaveLength(1);
    const data = submitted[0];
    expect(data).toMatchObject({
      title: '路灯',
      notes: '灯不亮',
      count: 3,
      category: 'light',
      level: 'high',
      tags: ['a', 'c'],
      agreed: true,
      kinds: ['y'],
      day: '2026-11-24',
    });
    expect(data.at).toMatch(/^08:30:00[+-]\d\d:\d\d$/);
    expect(data.when).toBe(new Date('2026-11-24T08:30').toISOString());
  });

  it('read-only and computed fields show their value, cannot be edited and are submitted', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        caseNo: { type: 'string', title: '编号', readOnly: true },
        adults: { type: 'integer', title: '成人' },
        children: { type: 'integer', title: '儿童' },
        total: { type: 'integer', title: '合计' },
      },
    };
    const { submitted } = renderForm({
      schema,
      value: { caseNo: 'XG-001' },
      uiSchema: { fields: { total: { compute: { op: 'sum', fields: ['adults', 'children'] } } } },
    });
    expect(screen.getByText('XG-001').tagName).toBe('OUTPUT');
    await type('成人', '2');
    await type('儿童', '3');
    expect((screen.getByLabelText('合计') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('合计') as HTMLInputElement).value).toBe('5');
    await submit();
    expect(submitted).toEqual([{ caseNo: 'XG-001', adults: 2, children: 3, total: 5 }]);
  });

  it('org-unit picker (tree) and person picker (search from context)', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        departments: { type: 'array', title: '承办部门', items: { type: 'string' }, 'x-widget': 'orgUnit' },
        handler: { type: 'string', title: '办理人', 'x-widget': 'person' },
      },
    };
    const searchPeople = vi.fn(async (q: string) => [{ value: 'u7', label: `${q}（民政局）` }]);
    const orgUnits = [
      { id: 'xg', name: '西工区' },
      { id: 'xg-mz', name: '区民政局', parentId: 'xg' },
      { id: 'xg-cg', name: '区城管局', parentId: 'xg' },
    ];
    const { submitted } = renderForm({ schema, context: { orgUnits, searchPeople } });
    await choose('承办部门', '区民政局', '区城管局');
    const person = screen.getByLabelText('办理人');
    await act(async () => void fireEvent.mouseDown(person.closest('.ant-select')!));
    await act(async () => void fireEvent.change(person, { target: { value: '张三' } }));
    await settle(350);
    expect(searchPeople).toHaveBeenCalledWith('张三');
    await act(async () => void fireEvent.click(document.querySelector('.ant-select-item-option[title="张三（民政局）"]')!));
    await submit();
    expect(submitted).toEqual([{ departments: ['xg-mz', 'xg-cg'], handler: 'u7' }]);
  });

  it('repeating group: add, fill, validate items, remove', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        members: {
          type: 'array',
          title: '家庭成员',
          minItems: 1,
          items: {
            type: 'object',
            properties: { name: { type: 'string', title: '姓名' }, age: { type: 'integer', title: '年龄', minimum: 0 } },
            required: ['name'],
          },
        },
      },
      required: ['members'],
    };
    const { submitted } = renderForm({ schema });
    await submit();
    expect(document.querySelector('[data-field="members"]')!.textContent).toContain('必填');
    const add = screen.getByRole('button', { name: /添加一项/ });
    await act(async () => void fireEvent.click(add));
    await act(async () => void fireEvent.click(add));
    await type(screen.getAllByLabelText(/年龄/)[0], '30');
    await submit();
    expect(submitted).toEqual([]);
    const first = screen.getAllByRole('group', { name: '第 1 项' })[0];
    expect(within(first).getByLabelText(/姓名/).closest('.gw-field')!.textContent).toContain('必填');
    await type(screen.getAllByLabelText(/姓名/)[0], '李四');
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '删除此项 2' })));
    await submit();
    expect(submitted).toEqual([{ members: [{ name: '李四', age: 30 }] }]);
  });

  it('photo: several photos with previews, uploaded separately (resuming a dropped chunk); the field keeps file ids', async () => {
    const server = fakeUploadServer({ dropAfterStore: [2] });
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
    const schema: JsonSchema = {
      type: 'object',
      properties: { photos: { type: 'array', title: '现场照片', minItems: 1, maxItems: 9, items: { type: 'string' }, 'x-widget': 'photo' } },
      required: ['photos'],
    };
    const { submitted } = renderForm({ schema, context: { fetch: server.fetch, uploadChunkSize: 1000 } });
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    expect(input.accept).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    expect(input.multiple).toBe(true);
    const files = [new File([new Uint8Array(2500)], 'a.jpg', { type: 'image/jpeg' }), new File([new Uint8Array(10)], 'b.jpg', { type: 'image/jpeg' })];
    await act(async () => void fireEvent.change(input, { target: { files } }));
    expect(screen.getAllByRole('img', { name: /照片/ })).toHaveLength(2);
    await vi.waitFor(() => expect(server.uploads.get('f1')?.offset).toBe(2500), { timeout: 4000 });
    await vi.waitFor(() => expect(screen.queryByText(/上传中/)).toBeNull(), { timeout: 4000 });
    await submit();
    expect(submitted).toEqual([{ photos: ['f1', 'f2'] }]);
    expect(server.calls.some((c) => c.startsWith('HEAD'))).toBe(true);
  });

  it('photo: submission waits while an upload is still running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = fakeUploadServer();
    const slow: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH') await gate;
      return server.fetch(input, init);
    };
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    const schema: JsonSchema = {
      type: 'object',
      properties: { photos: { type: 'array', title: '照片', minItems: 1, items: { type: 'string' }, 'x-widget': 'photo' } },
      required: ['photos'],
    };
    const { submitted } = renderForm({ schema, context: { fetch: slow } });
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await act(async () => void fireEvent.change(input, { target: { files: [new File([new Uint8Array(5)], 'a.jpg', { type: 'image/jpeg' })] } }));
    await submit();
    expect(submitted).toEqual([]);
    expect(document.querySelector('[data-field="photos"]')!.textContent).toContain('照片仍在上传');
    release();
    await vi.waitFor(() => expect(server.uploads.get('f1')?.offset).toBe(5));
    await vi.waitFor(() => expect(screen.queryByText(/上传中/)).toBeNull());
    await submit();
    expect(submitted).toEqual([{ photos: ['f1'] }]);
  });

  it('location: typed coordinates, a click on the grid map, "use my location", and the grid the point is in', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        location: {
          type: 'object',
          title: '事发位置',
          'x-widget': 'location',
          properties: { lng: { type: 'number' }, lat: { type: 'number' } },
          required: ['lng', 'lat'],
        },
      },
    };
    const { submitted } = renderForm({ schema, context: { grids: testGrids } });
    const svg = document.querySelector('svg.gw-map') as SVGSVGElement;
    expect(svg.querySelectorAll('path[d^="M"]').length).toBeGreaterThanOrEqual(2);
    await type('经度', '112.415');
    await type('纬度', '34.685');
    expect(screen.getByText('所在网格：第二网格')).toBeTruthy();

    const frame = mapFrame(testGrids);
    svg.getScreenCTM = () => null;
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: frame.width, height: frame.height }) as DOMRect;
    const [x, y] = project(112.401, 34.681, frame.z);
    await act(async () => void fireEvent.click(svg, { clientX: x - frame.minX, clientY: y - frame.minY }));
    expect(screen.getByText('所在网格：第一网格')).toBeTruthy();
    expect(svg.querySelector('path.gw-hit title')!.textContent).toBe('第一网格');

    const getCurrentPosition = vi.fn((ok: PositionCallback) => ok({ coords: { longitude: 112.3, latitude: 34.6 } } as GeolocationPosition));
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: /使用我的位置/ })));
    expect(screen.getByText('该位置不在任何网格内')).toBeTruthy();
    await submit();
    expect(submitted).toEqual([{ location: { lng: 112.3, lat: 34.6 } }]);
  });

  it('location: loads grids through loadGrids once', async () => {
    const loadGrids = vi.fn(async () => testGrids);
    const schema: JsonSchema = {
      type: 'object',
      properties: { location: { type: 'object', title: '位置', 'x-widget': 'location', properties: { lng: { type: 'number' }, lat: { type: 'number' } } } },
    };
    renderForm({ schema, context: { loadGrids }, value: { location: { lng: 112.401, lat: 34.681 } } });
    await settle(20);
    expect(screen.getByText('所在网格：第一网格')).toBeTruthy();
    expect(loadGrids).toHaveBeenCalledTimes(1);
  });

  it('location: map tiles behind the polygons only when a tile URL is configured', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { location: { type: 'object', title: '位置', 'x-widget': 'location', properties: { lng: { type: 'number' }, lat: { type: 'number' } } } },
    };
    renderForm({ schema, context: { grids: testGrids } });
    expect(document.querySelectorAll('svg.gw-map image')).toHaveLength(0);
    cleanup();
    renderForm({ schema, context: { grids: testGrids, tileUrl: 'http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png' } });
    const frame = mapFrame(testGrids);
    const hrefs = [...document.querySelectorAll('svg.gw-map image')].map((i) => i.getAttribute('href'));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(new RegExp(`^http://127.0.0.1:8080/tiles/${frame.z}/\\d+/\\d+\\.png$`));
  });
});
