import type { ReactNode } from 'react';
import { uiText, type UiLang } from '../i18n';

export interface ListColumn {
  label: ReactNode;
  /** The header's aria-sort, on the column the list is sorted by. */
  sort?: 'ascending' | 'descending';
}

/**
 * A list page's table as plain HTML: a scrollable table with its column headers, one row a
 * record (the caller renders the <tr>, with its data-* attributes), the "nothing found" line
 * when there are none and, when the server has more, a link to the next page.
 */
export function ListTable<T>(props: { columns: ListColumn[]; rows: readonly T[]; row: (item: T) => ReactNode; lang: UiLang; moreHref?: string }) {
  const { columns, rows, row, lang, moreHref } = props;
  return (
    <>
      <div style={{ overflowX: 'auto' }}>
        <table className="gw-table">
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col" aria-sort={c.sort}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows.map(row)}</tbody>
        </table>
      </div>
      {!rows.length && <p className="gw-meta">{uiText(lang, 'list.empty')}</p>}
      {moreHref && (
        <p>
          <a className="gw-button-primary" href={moreHref}>
            {uiText(lang, 'list.more')}
          </a>
        </p>
      )}
    </>
  );
}
