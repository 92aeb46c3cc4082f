// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShellData } from '../lib/page-context';
import { installDomShims } from './form/test-support';

vi.mock('next/navigation', () => ({ useRouter: () => ({}) }));
const { FilteredListPage } = await import('./filtered-list-page');
const { FilterSelect } = await import('./filter-select');

beforeAll(installDomShims);
afterEach(cleanup);

const shell: ShellData = { lang: 'zh-CN', platformName: '平台', districtName: '西工区', userName: '管理员', nav: [] };
const STATUSES = [
  { value: 'open', label: '待处理' },
  { value: 'resolved', label: '已处理' },
];

function renderPage(loaded: Parameters<typeof FilteredListPage<{ id: string; name: string }>>[0]['loaded']) {
  render(
    <FilteredListPage
      shell={shell}
      current="/intake/dead-letters"
      title="死信队列"
      loaded={loaded}
      filters={<FilterSelect label="状态" name="status" value="resolved" options={STATUSES} lang="zh-CN" />}
      columns={['intake.channel', 'col.status']}
      row={(item) => (
        <tr key={item.id} data-letter-id={item.id}>
          <td>{item.id}</td>
          <td>{item.name}</td>
        </tr>
      )}
    />,
  );
}

describe('filtered list page', () => {
  it('filters with a GET form on the page’s own address, the choice from the URL preselected', () => {
    renderPage({ ok: true, value: [{ id: 'l1', name: '甲' }] });
    expect(screen.getByRole('heading', { name: '死信队列' })).toBeTruthy();
    const form = screen.getByRole('form', { name: '筛选条件' }) as HTMLFormElement;
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe('/intake/dead-letters');
    const select = within(form).getByLabelText('状态') as HTMLSelectElement;
    expect(select.name).toBe('status');
    expect(select.value).toBe('resolved');
    // "Any" first, with an empty value: submitting it drops the filter.
    expect([...select.options].map((o) => [o.value, o.text])).toEqual([
      ['', '全部'],
      ['open', '待处理'],
      ['resolved', '已处理'],
    ]);
    expect(within(form).getByRole('button', { name: '筛选' }).getAttribute('type')).toBe('submit');
  });

  it('lists one row an item under the translated column headers, and says so when there are none', () => {
    renderPage({ ok: true, value: [{ id: 'l1', name: '甲' }, { id: 'l2', name: '乙' }] });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['渠道', '状态']);
    expect([...document.querySelectorAll('tr[data-letter-id]')].map((r) => r.getAttribute('data-letter-id'))).toEqual(['l1', 'l2']);
    expect(screen.queryByText('没有符合条件的记录')).toBeNull();
    cleanup();
    renderPage({ ok: true, value: [] });
    expect(document.querySelectorAll('tbody tr')).toHaveLength(0);
    expect(screen.getByText('没有符合条件的记录')).toBeTruthy();
  });

  it('shows the 403 page under the title when the read was refused: no filters, no table', () => {
    renderPage({ ok: false, reason: 'forbidden' });
    expect(screen.getByRole('heading', { name: '死信队列' })).toBeTruthy();
    expect(screen.getByText('403')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
