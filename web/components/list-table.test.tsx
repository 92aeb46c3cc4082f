// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterSelect } from './filter-select';
import { ListTable } from './list-table';

afterEach(cleanup);

const row = (id: string) => (
  <tr key={id} data-record-id={id}>
    <td>{id}</td>
    <td>x</td>
  </tr>
);

describe('list table', () => {
  it('marks the sorted column for assistive technology and links to the next page when there is one', () => {
    render(<ListTable lang="zh-CN" columns={[{ label: '标题' }, { label: <a href="?sort=due">期限 ▲</a>, sort: 'ascending' }]} rows={['a', 'b']} row={row} moreHref="/queue?kind=open&cursor=c1" />);
    const [title, due] = screen.getAllByRole('columnheader');
    expect(title.getAttribute('aria-sort')).toBeNull();
    expect(due.getAttribute('aria-sort')).toBe('ascending');
    expect(due.getAttribute('scope')).toBe('col');
    expect(document.querySelectorAll('tr[data-record-id]')).toHaveLength(2);
    expect(screen.getByRole('link', { name: '加载更多' }).getAttribute('href')).toBe('/queue?kind=open&cursor=c1');
  });

  it('has no "more" link on the last page', () => {
    render(<ListTable lang="en" columns={[{ label: 'Title' }]} rows={[]} row={row} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('No matching records')).toBeTruthy();
  });
});

describe('filter select', () => {
  it('leaves out the "any" choice for a filter that always has a value', () => {
    render(<FilterSelect label="队列" name="kind" value="overdue" options={[{ value: 'open', label: '待办' }, { value: 'overdue', label: '超时' }]} lang="zh-CN" anyOption={false} />);
    const select = screen.getByLabelText('队列') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['open', 'overdue']);
    expect(select.value).toBe('overdue');
  });
});
